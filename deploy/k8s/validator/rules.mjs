// The project's own rules for a rendered overlay, beyond what the Kubernetes schemas say.
//
//   node rules.mjs base|dev|production rendered.yaml
//
// Exit code 0 when every rule holds; 1 with one line per broken rule otherwise.
import { readFileSync } from "node:fs";
import { readObjects } from "./validate.mjs";

const [target, file] = process.argv.slice(2);
if (!["base", "dev", "production"].includes(target) || !file) {
  console.error("usage: node rules.mjs base|dev|production rendered.yaml");
  process.exit(2);
}
const problems = [];
const objects = readObjects([{ name: file, text: readFileSync(file, "utf8") }], problems);
const fail = (object, message) => problems.push(`${object.kind}/${object.metadata?.name}: ${message}`);
const named = (kind, name) => objects.find((o) => o.kind === kind && o.metadata?.name === name);
const workloads = objects.filter((o) => ["Deployment", "StatefulSet"].includes(o.kind));
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
const hasKey = (secret, key) => (secret?.stringData ?? {})[key] !== undefined || (secret?.data ?? {})[key] !== undefined;
const ours = (container) => /(^|\/)branch-archive\/(silo|api)(:|@|$)/.test(container.image);
// registry/repository[:tag]: the first part names a registry (a host with a dot or port, or localhost).
const qualified = (image) => /^([^/]*[.:][^/]*|localhost)\/.+/.test(image);

for (const object of objects) {
  if (object.metadata?.labels?.["app.kubernetes.io/part-of"] !== "branch-archive") fail(object, "no label app.kubernetes.io/part-of=branch-archive");
  // Overlays put everything in one namespace (a Namespace object itself has none).
  if (target !== "base" && object.kind !== "Namespace" && !object.metadata?.namespace) fail(object, "no namespace");
}

for (const w of workloads) {
  const pod = w.spec.template.spec;
  if (!matches(w.spec.selector.matchLabels, w.spec.template.metadata?.labels)) fail(w, "selector does not match its own pods");
  if (pod.securityContext?.runAsNonRoot !== true) fail(w, "pod securityContext.runAsNonRoot is not true");
  const all = [...(pod.initContainers ?? []), ...pod.containers];
  for (const c of all) {
    const r = c.resources ?? {};
    for (const kind of ["requests", "limits"]) for (const res of ["cpu", "memory"]) if (!r[kind]?.[res]) fail(w, `container ${c.name} has no resources.${kind}.${res}`);
    const s = c.securityContext ?? {};
    if (s.allowPrivilegeEscalation !== false) fail(w, `container ${c.name}: allowPrivilegeEscalation is not false`);
    if (!s.capabilities?.drop?.includes("ALL")) fail(w, `container ${c.name}: capabilities do not drop ALL`);
    // The archive's own images run read-only (the dev PostgreSQL image's entrypoint cannot).
    if (ours(c) && s.readOnlyRootFilesystem !== true) fail(w, `container ${c.name}: readOnlyRootFilesystem is not true`);
    if (target === "production" && /:latest$|^[^:]+$/.test(c.image)) fail(w, `container ${c.name}: image ${c.image} has no fixed tag`);
    if (!qualified(c.image)) fail(w, `container ${c.name}: image ${c.image} is not fully qualified (registry/repository:tag)`);
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.configMapKeyRef;
      if (ref && !ref.optional && named("ConfigMap", ref.name)?.data?.[ref.key] === undefined) fail(w, `env ${e.name}: ConfigMap ${ref.name} has no key ${ref.key}`);
      const secret = e.valueFrom?.secretKeyRef;
      // The dev overlay brings its Secret; base and production expect it from outside. An optional
      // key (a confidential client's secret) may be missing anywhere.
      if (secret && !secret.optional && target === "dev" && !hasKey(named("Secret", secret.name), secret.key)) fail(w, `env ${e.name}: Secret ${secret.name} has no key ${secret.key}`);
    }
  }
  for (const c of pod.containers) {
    if (!c.readinessProbe) fail(w, `container ${c.name} has no readinessProbe`);
    if (!c.livenessProbe) fail(w, `container ${c.name} has no livenessProbe`);
    // The archive's programs answer HTTP health checks: a TCP check cannot tell joined from listening.
    if (ours(c) && (c.readinessProbe?.httpGet?.path !== "/health/ready" || c.livenessProbe?.httpGet?.path !== "/health/live")) {
      fail(w, `container ${c.name}: probes are not httpGet /health/ready and /health/live`);
    }
    if (ours(c) && w.spec.template.metadata?.annotations?.["prometheus.io/scrape"] !== "true") fail(w, "pods are not annotated for Prometheus to scrape");
  }
}

// The silos: what Orleans' Kubernetes hosting and a graceful shutdown need.
const silo = named("Deployment", "archive-silo");
if (!silo) problems.push("no Deployment archive-silo");
else {
  const pod = silo.spec.template.spec;
  const container = pod.containers.find((c) => c.name === "silo");
  const env = Object.fromEntries((container?.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));
  for (const [name, field] of [["POD_NAME", "metadata.name"], ["POD_NAMESPACE", "metadata.namespace"], ["POD_IP", "status.podIP"]]) {
    if (env[name]?.fieldRef?.fieldPath !== field) fail(silo, `env ${name} is not the downward API's ${field}`);
  }
  const labels = silo.spec.template.metadata.labels;
  if (!env.ORLEANS_SERVICE_ID || labels["orleans/serviceId"] !== env.ORLEANS_SERVICE_ID) fail(silo, "label orleans/serviceId differs from ORLEANS_SERVICE_ID");
  if (!env.ORLEANS_CLUSTER_ID || labels["orleans/clusterId"] !== env.ORLEANS_CLUSTER_ID) fail(silo, "label orleans/clusterId differs from ORLEANS_CLUSTER_ID");
  if (env.Cluster__ServiceId !== "branch-archive") fail(silo, "Cluster__ServiceId is not branch-archive (it keys every stored row)");
  if (!env.Audit__Checkpoints__SigningKey?.secretKeyRef) fail(silo, "Audit__Checkpoints__SigningKey does not come from a Secret (silos on PostgreSQL refuse to start without the checkpoint key)");
  if (!(pod.terminationGracePeriodSeconds >= 150)) fail(silo, "terminationGracePeriodSeconds is under 150 (a silo's shutdown takes up to 120 s)");
  const migrate = pod.initContainers?.find((c) => c.name === "migrate");
  if (migrate?.args?.[0] !== "migrate" || migrate.image !== container?.image) fail(silo, "no initContainer `migrate` running the silo's image");
  if (silo.spec.replicas !== undefined) fail(silo, "replicas is set: the HorizontalPodAutoscaler owns the count");
  const hpa = objects.find((o) => o.kind === "HorizontalPodAutoscaler" && o.spec.scaleTargetRef.name === "archive-silo");
  if (!hpa || !(hpa.spec.minReplicas >= 2 && hpa.spec.minReplicas <= hpa.spec.maxReplicas)) fail(silo, "no HorizontalPodAutoscaler with 2 <= minReplicas <= maxReplicas");
  if (!objects.some((o) => o.kind === "PodDisruptionBudget" && matches(o.spec.selector.matchLabels, labels))) fail(silo, "no PodDisruptionBudget");
  const binding = objects.find((o) => o.kind === "RoleBinding" && o.subjects?.some((s) => s.kind === "ServiceAccount" && s.name === pod.serviceAccountName));
  const verbs = named("Role", binding?.roleRef.name)?.rules?.find((r) => r.resources.includes("pods"))?.verbs ?? [];
  if (!["get", "list", "watch", "patch", "delete"].every((v) => verbs.includes(v))) fail(silo, "its service account may not get, list, watch, patch and delete pods");
}

// Only silos and API pods reach the silos' Orleans ports; only the archive reaches the dev database.
const policyFor = (name) => objects.find((o) => o.kind === "NetworkPolicy" && o.spec.podSelector?.matchLabels?.["app.kubernetes.io/name"] === name);
const admitsOnly = (policy, port, names) => (policy?.spec.ingress ?? []).filter((r) => (r.ports ?? []).some((p) => p.port === port) || !r.ports)
  .every((r) => r.from?.length && r.from.every((f) => names.includes(f.podSelector?.matchLabels?.["app.kubernetes.io/name"])));
if (silo) {
  const policy = policyFor("archive-silo");
  if (!policy) fail(silo, "no NetworkPolicy for its pods");
  else for (const port of ["silo", "gateway"]) if (!admitsOnly(policy, port, ["archive-silo", "archive-api"])) fail(policy, `port ${port} is open to more than silos and the API`);
}
if (target === "dev") {
  const policy = policyFor("archive-postgres");
  if (!policy || !admitsOnly(policy, "postgres", ["archive-silo", "archive-api"])) problems.push("no NetworkPolicy keeping archive-postgres to silos and the API");
}

// Services point at pods that exist, on ports those pods name.
for (const service of objects.filter((o) => o.kind === "Service")) {
  const w = workloads.find((w) => matches(service.spec.selector, w.spec.template.metadata.labels));
  if (!w) fail(service, "selects no pods");
  const portNames = (w?.spec.template.spec.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => p.name));
  for (const p of service.spec.ports) if (typeof p.targetPort === "string" && !portNames.includes(p.targetPort)) fail(service, `targetPort ${p.targetPort} is not a port of its pods`);
}

// What each target may and must contain.
const postgres = objects.filter((o) => o.kind === "StatefulSet");
const secrets = objects.filter((o) => o.kind === "Secret");
if (target === "dev") {
  if (!postgres.some((s) => s.metadata.name === "archive-postgres" && s.spec.volumeClaimTemplates?.length)) problems.push("no StatefulSet archive-postgres with a volume");
  if (!named("Service", "archive-postgres")) problems.push("no Service archive-postgres");
} else {
  for (const s of postgres) fail(s, `not allowed here (the company's PostgreSQL is used)`);
  for (const s of secrets) fail(s, `not allowed here (it is created out of band)`);
}

// Placeholders are allowed (the repository cannot know the company's values) but pointed out.
const config = named("ConfigMap", "archive-config");
if (target === "production" && Object.values(config?.data ?? {}).some((v) => v.includes("example.com"))) {
  console.log("note: production's archive-config still holds example.com placeholders (overlays/production/config.yaml)");
}

for (const p of problems) console.error(`RULE ${target}: ${p}`);
if (problems.length) process.exit(1);
console.log(`rules: ${target} keeps every project rule`);
