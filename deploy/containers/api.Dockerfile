# The API image: `dotnet BranchArchive.Api.dll`, an Orleans client of the silos (Topology=Client)
# serving HTTP on 8080. Build from the repository root:
#   podman build -f deploy/containers/api.Dockerfile -t REGISTRY/branch-archive/api:VERSION .
# SDK_IMAGE and RUNTIME_IMAGE default to Microsoft's .NET images; CI passes images it built from
# Debian packages (deploy/containers/ci-test.sh), with the same Dockerfile otherwise.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /source
# The shared MSBuild files and the whole src/ tree: a project the API comes to reference (another
# library, a web app) builds without a change here.
COPY Directory.* ./
COPY src/ src/
RUN --mount=type=cache,id=branch-archive-nuget,target=/root/.nuget/packages \
    dotnet publish src/Api/BranchArchive.Api.csproj -c Release -o /app --disable-build-servers

FROM ${RUNTIME_IMAGE}
# The runtime image must carry ICU (libicu): the staff web app speaks Chinese and English and the
# API is built with InvariantGlobalization off. Microsoft's aspnet image has it; CI's adds libicu72.
WORKDIR /app
COPY --from=build /app ./
# The production topology by default; appsettings.json's loopback-only URL is for a developer's machine.
ENV Topology=Client \
    Urls=http://+:8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
# 1654 is the `app` user of Microsoft's .NET images. Numeric, so Kubernetes' runAsNonRoot can
# check it. Nothing is written outside /tmp (mount a tmpfs or emptyDir there) and the scans volume,
# so the root filesystem can be read-only.
USER 1654
ENTRYPOINT ["dotnet", "BranchArchive.Api.dll"]
