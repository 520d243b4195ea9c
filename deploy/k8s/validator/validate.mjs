// Validates rendered Kubernetes manifests offline against the Kubernetes API schemas that the
// kubernetes-models package ships (types, required fields, enums, formats), and refuses fields
// that the API does not know (a misspelt `readinesProbe` would otherwise be dropped silently
// by the API server), objects without a name, and kinds kubernetes-models does not know.
//
//   node validate.mjs [file.yaml ...]     (no file: reads standard input)
//
// Exit code 0 when every object is valid; 1 with one line per problem otherwise.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const modules = join(dirname(fileURLToPath(import.meta.url)), "node_modules");

/** Reads every YAML document of the inputs; a YAML error is a problem of its own. */
export function readObjects(sources, problems) {
  const objects = [];
  for (const { name, text } of sources) {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length) {
        problems.push(...doc.errors.map((e) => `${name}: YAML: ${e.message.split("\n")[0]}`));
        continue;
      }
      const value = doc.toJS();
      if (value != null) objects.push(value);
    }
  }
  return objects;
}

/** The kubernetes-models class for apiVersion/kind, or null: `apps/v1` + `Deployment` → kubernetes-models/apps/v1/Deployment. */
async function modelClass(apiVersion, kind) {
  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion ?? "") || !/^[A-Z][A-Za-z0-9]*$/.test(kind ?? "")) return null;
  try {
    const model = (await import(`kubernetes-models/${apiVersion}/${kind}`))[kind];
    // Only top-level resources have apiVersion and kind (not, say, DeploymentSpec).
    return model?.apiVersion === apiVersion && model?.kind === kind ? model : null;
  } catch {
    return null;
  }
}

// ---- Unknown fields, from the TypeScript declarations beside each model ----------------------

/** `"a"?: T; "b": { ... };` → Map(a → "T", b → "{ ... }"), splitting only outside brackets. */
function members(text) {
  const fields = new Map();
  const add = (member) => {
    const m = /^\s*"([^"]+)"\??:\s*([\s\S]*?)\s*$/.exec(member);
    if (m) fields.set(m[1], m[2].replace(/\s+/g, " "));
  };
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if ("{<(".includes(text[i])) depth++;
    else if ("}>)".includes(text[i])) depth--;
    else if (text[i] === ";" && depth === 0) {
      add(text.slice(start, i));
      start = i + 1;
    }
  }
  add(text.slice(start));
  return fields;
}

const shapes = new Map(); // .d.ts path → { fields, imports }, or null for a leaf type (Quantity, IntOrString, Time)

function shapeOf(file) {
  if (shapes.has(file)) return shapes.get(file);
  const text = readFileSync(file, "utf8").replace(/\/\*\*[\s\S]*?\*\//g, "");
  const imports = new Map();
  for (const [, name, from] of text.matchAll(/import \{ (\w+) \} from "([^"]+)";/g)) {
    const base = from.startsWith(".") ? resolve(dirname(file), from) : join(modules, from);
    imports.set(name, `${base}.d.ts`);
  }
  const body = /export interface \w+(?: extends [\w, ]+)? \{\n([\s\S]*?)\n\}/.exec(text);
  const shape = body ? { fields: members(body[1]), imports } : null;
  shapes.set(file, shape);
  return shape;
}

function checkValue(value, type, imports, path, problems) {
  if (value == null || typeof value !== "object") return;
  let m;
  if ((m = /^Array<([\s\S]*)>$/.exec(type))) {
    if (Array.isArray(value)) value.forEach((item, i) => checkValue(item, m[1], imports, `${path}[${i}]`, problems));
  } else if ((m = /^\{ ?\[key: string\]: ([\s\S]*?);? ?\}$/.exec(type))) {
    for (const [key, item] of Object.entries(value)) checkValue(item, m[1], imports, `${path}.${key}`, problems);
  } else if ((m = /^\{([\s\S]*)\}$/.exec(type))) {
    checkObject(value, { fields: members(m[1]), imports }, path, problems); // an object type written inline
  } else if (imports.has(type) && existsSync(imports.get(type))) {
    checkObject(value, shapeOf(imports.get(type)), path, problems);
  }
}

function checkObject(value, shape, path, problems) {
  if (!shape || Array.isArray(value)) return;
  for (const [key, item] of Object.entries(value)) {
    const type = shape.fields.get(key);
    const where = path ? `${path}.${key}` : key;
    if (type === undefined) problems.push(`unknown field ${where}`);
    else checkValue(item, type, shape.imports, where, problems);
  }
}

// ---- Main -------------------------------------------------------------------------------------

export async function validate(objects) {
  const problems = [];
  for (const object of objects) {
    const { apiVersion, kind } = object ?? {};
    const label = `${kind ?? "?"}/${object?.metadata?.name ?? "?"}`;
    const model = await modelClass(apiVersion, kind);
    if (!model) {
      problems.push(`${label}: unknown apiVersion/kind ${apiVersion}/${kind}`);
      continue;
    }
    const own = [];
    if (!object.metadata?.name) own.push("metadata.name is missing");
    try {
      new model(object).validate();
    } catch (error) {
      const errors = error.errors ?? [{ instancePath: "", message: error.message }];
      for (const e of errors) {
        const where = e.instancePath.replace(/^\//, "").replaceAll("/", ".") || "(object)";
        own.push(`${where} ${e.message}${e.params?.allowedValues ? ` (${e.params.allowedValues.join(", ")})` : ""}`);
      }
    }
    checkObject(object, shapeOf(join(modules, "kubernetes-models", apiVersion, `${kind}.d.ts`)), "", own);
    problems.push(...own.map((p) => `${label}: ${p}`));
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  const sources = files.length
    ? files.map((f) => ({ name: f, text: readFileSync(f, "utf8") }))
    : [{ name: "stdin", text: readFileSync(0, "utf8") }];
  const problems = [];
  const objects = readObjects(sources, problems);
  problems.push(...(await validate(objects)));
  if (objects.length === 0) problems.push("no Kubernetes object in the input");
  for (const p of problems) console.error(`INVALID ${p}`);
  if (problems.length) process.exit(1);
  const kinds = objects.map((o) => o.kind).sort();
  console.log(`schema: ${objects.length} objects valid (${[...new Set(kinds)].map((k) => `${kinds.filter((x) => x === k).length} ${k}`).join(", ")})`);
}
