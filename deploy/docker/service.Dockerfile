# syntax=docker/dockerfile:1
#
# One image recipe for every Ringline Spring Boot service, parameterised by the Maven module.
# Build context is the repository root (the reactor needs the parent pom, the wrapper and the
# upstream modules), e.g.
#
#   docker build -f deploy/docker/service.Dockerfile \
#     --build-arg MODULE=api-gateway --build-arg SERVICE_PORT=8080 -t ringline/api-gateway .
#
# docker-compose.yml builds api-gateway, call-signaling-service, media-bridge-service,
# webhook-fanout-service and provider-sandbox from this file. .ci/validate-deploy.sh lints it.

ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG JRE_IMAGE=eclipse-temurin:25-jre

# ---------------------------------------------------------------------------------------------
# Build: ./mvnw -pl <module> -am package, exactly what a developer runs. The wrapper fetches Maven
# itself (the JDK image has no curl/wget/unzip; the wrapper falls back to Java + tar.gz).
# ---------------------------------------------------------------------------------------------
FROM ${JDK_IMAGE} AS build
ARG MODULE
WORKDIR /workspace

# .dockerignore keeps target/, .git, IDE files and test sources out of the context.
COPY . .

# The cache mount keeps ~/.m2 (Maven distribution + dependencies) across builds. Compose builds the
# five images in parallel against the same cache, so Maven's resolver uses cross-process file locks.
RUN --mount=type=cache,id=ringline-m2,target=/root/.m2,sharing=shared \
    set -eu; \
    if [ -z "${MODULE:-}" ] || [ ! -f "${MODULE}/pom.xml" ]; then \
      echo "build arg MODULE must name a Maven module of this repository (got '${MODULE:-}')" >&2; exit 1; \
    fi; \
    ./mvnw -B -ntp -pl "${MODULE}" -am package -DskipTests \
      -Daether.syncContext.named.factory=file-lock \
      -Daether.syncContext.named.nameMapper=file-gav; \
    set -- "${MODULE}"/target/"${MODULE}"-*-exec.jar; \
    if [ "$#" -ne 1 ] || [ ! -f "$1" ]; then \
      echo "expected exactly one ${MODULE}/target/${MODULE}-<version>-exec.jar, found: $*" >&2; exit 1; \
    fi; \
    mkdir -p /out; \
    cp "$1" /out/app.jar

# ---------------------------------------------------------------------------------------------
# Runtime: JRE only, non-root, read-only friendly (writes nothing outside /tmp).
# ---------------------------------------------------------------------------------------------
FROM ${JRE_IMAGE} AS runtime
ARG MODULE
ARG SERVICE_PORT=8080

LABEL org.opencontainers.image.title="ringline-${MODULE}" \
      org.opencontainers.image.description="Ringline ${MODULE} (Spring Boot executable jar)"

RUN groupadd --system --gid 10001 ringline \
 && useradd --system --uid 10001 --gid ringline --no-create-home \
      --home-dir /nonexistent --shell /usr/sbin/nologin ringline

WORKDIR /app
# Owned by root and not writable by the service user: the process cannot alter its own code.
COPY --from=build /out/app.jar /app/app.jar
COPY --chmod=0755 deploy/docker/healthcheck.sh /app/healthcheck.sh

# Defaults only; docker-compose.yml / the orchestrator sets the real values.
# 50 % of a 512 MiB container limit is the 256 MiB heap budget, leaving room for metaspace,
# code cache, thread stacks and Netty's direct buffers.
ENV SERVER_PORT=${SERVICE_PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ringline.schemas"

USER 10001:10001
EXPOSE ${SERVICE_PORT}

HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["/app/healthcheck.sh"]

# Launcher flags stay here so that overriding JAVA_TOOL_OPTIONS cannot drop them.
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]
