#!/usr/bin/env bash
# Static validation of Ringline's production deployment shape (docker-compose.yml, the service
# Dockerfile, Prometheus and Grafana configuration, the Kubernetes base in deploy/k8s) with real
# validators, on a machine without a Docker engine or a Kubernetes cluster. CI runs it as root on Debian 12; it installs what it lacks, once:
#
#   promtool                  Debian package `prometheus` (only the promtool binary is extracted; no
#                             server is installed or started)
#   ShellCheck                Debian package `shellcheck`
#   ajv-cli, dclint,          npm, versions pinned by .ci/deploy-validation/package-lock.json,
#   dockerfile-utils, yaml,   installed into $RINGLINE_DEPLOY_TOOLS (default ~/.cache/ringline-deploy-
#   @balena/dockerignore,     validation), never into the repository
#   kubernetes-models,
#   typescript
#
# Usage: .ci/validate-deploy.sh [--build]
#   --build   also rehearse the images' Maven build: materialise the Docker build context (repository
#             minus .dockerignore) and run the Dockerfile's ./mvnw package in it for every service,
#             checking each <module>-<version>-exec.jar appears; then start the provider sandbox jar
#             with the image's ENTRYPOINT, the compose environment and the image's healthcheck script.
#             Needs the Java modules to compile and a JDK >= 21 (Temurin 25 preferred).
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="${ROOT}/.ci/deploy-validation"
TOOLS="${RINGLINE_DEPLOY_TOOLS:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/ringline-deploy-validation}"
NODE_TOOLS="${TOOLS}/node"
BIN="${NODE_TOOLS}/node_modules/.bin"
COMPOSE_SCHEMA="${NODE_TOOLS}/node_modules/dclint/schemas/compose.schema.json"
WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT

BUILD=false
for arg in "$@"; do
  case "${arg}" in
    --build) BUILD=true ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: ${arg}" >&2; exit 2 ;;
  esac
done

die() { echo "validate-deploy: $*" >&2; exit 1; }
note() { echo "setup: $*" >&2; }

# ---------------------------------------------------------------------------------------------
# Tools (idempotent: nothing is downloaded when everything is present)
# ---------------------------------------------------------------------------------------------
SUDO=()
APT_UPDATED=false
as_root() {
  if [[ ${EUID} -ne 0 ]]; then
    command -v sudo > /dev/null || die "need root (or sudo) to $*"
    SUDO=(sudo)
  fi
}
apt_update_once() {
  ${APT_UPDATED} && return 0
  as_root "run apt-get update"
  note "apt-get update"
  "${SUDO[@]}" apt-get update -qq > "${WORK}/apt.log" 2>&1 || { cat "${WORK}/apt.log" >&2; die "apt-get update failed"; }
  APT_UPDATED=true
}
apt_install() {
  apt_update_once
  as_root "install $*"
  note "apt-get install $*"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" > "${WORK}/apt.log" 2>&1 \
    || { cat "${WORK}/apt.log" >&2; die "apt-get install $* failed"; }
}

ensure_node() {
  if ! command -v node > /dev/null || ! command -v npm > /dev/null; then apt_install nodejs npm; fi
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "node >= 20.19 is required by dclint (found $(node --version)); install a current Node.js"
}

ensure_npm_tools() {
  local stamp="${NODE_TOOLS}/.lock.sha256" want
  want="$(sha256sum "${HERE}/package-lock.json" | cut -d' ' -f1)"
  if [[ -f "${stamp}" && "$(cat "${stamp}")" == "${want}" && -x "${BIN}/ajv" && -x "${BIN}/dclint" && -x "${BIN}/dockerfile-utils" && -x "${BIN}/tsc" ]]; then
    return 0
  fi
  note "npm ci (ajv-cli, dclint, dockerfile-utils, yaml, @balena/dockerignore, kubernetes-models, typescript) into ${NODE_TOOLS}"
  mkdir -p "${NODE_TOOLS}"
  cp "${HERE}/package.json" "${HERE}/package-lock.json" "${NODE_TOOLS}/"
  (cd "${NODE_TOOLS}" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error > /dev/null) || die "npm ci failed"
  echo "${want}" > "${stamp}"
}

PROMTOOL=""
ensure_promtool() {
  if command -v promtool > /dev/null; then PROMTOOL="$(command -v promtool)"; return 0; fi
  PROMTOOL="${TOOLS}/bin/promtool"
  [[ -x "${PROMTOOL}" ]] && return 0
  # Debian ships promtool inside the `prometheus` package; extract just that binary instead of
  # installing (and starting) a Prometheus server on the CI machine.
  apt_update_once
  note "promtool from Debian package prometheus"
  local dl="${WORK}/deb"
  mkdir -p "${dl}" "${TOOLS}/bin"
  (cd "${dl}" && apt-get download -qq -o APT::Sandbox::User=root prometheus > /dev/null 2>&1) \
    || die "apt-get download prometheus failed"
  dpkg-deb --fsys-tarfile "${dl}"/prometheus_*.deb | tar -x -C "${dl}" ./usr/bin/promtool
  install -m 0755 "${dl}/usr/bin/promtool" "${PROMTOOL}"
}

ensure_shellcheck() {
  command -v shellcheck > /dev/null || apt_install shellcheck
}

ensure_node
ensure_npm_tools
ensure_promtool
ensure_shellcheck

export RINGLINE_ROOT="${ROOT}" DEPLOY_TOOLS_NODE_MODULES="${NODE_TOOLS}/node_modules"
CHECKER=(node "${HERE}/check-deploy.cjs")
K8S_CHECKER=(node "${HERE}/check-k8s.mjs")

# ---------------------------------------------------------------------------------------------
# Checks: each prints one summary line when it passes, everything it found when it fails.
# ---------------------------------------------------------------------------------------------
PASSED=0
FAILED=()
# The check runs in a subshell with errexit in force: a failing step anywhere inside fails the check.
# (Calling it from `if` or `||` would silently disable errexit inside the function.)
check() {
  local name="$1" log="${WORK}/check.log" rc
  shift
  set +e
  (set -e; "$@") > "${log}" 2>&1
  rc=$?
  set -e
  if [[ ${rc} -eq 0 ]]; then
    PASSED=$((PASSED + 1))
    printf 'ok    %-24s %s\n' "${name}" "$(sed '/^[[:space:]]*$/d' "${log}" | tail -n 1)"
  else
    FAILED+=("${name}")
    printf 'FAIL  %s\n' "${name}"
    sed 's/^/      /' "${log}"
  fi
}

SERVICE_DOCKERFILES=()
collect_dockerfiles() {
  local f
  while IFS= read -r f; do SERVICE_DOCKERFILES+=("${f}"); done < <(
    {
      find "${ROOT}/deploy/docker" -name '*Dockerfile' -type f 2> /dev/null
      for f in "${ROOT}"/*/Dockerfile; do [[ -f "${f}" ]] && echo "${f}"; done
      node -e '
        const Y = require(process.env.DEPLOY_TOOLS_NODE_MODULES + "/yaml");
        const fs = require("fs"), path = require("path"), root = process.env.RINGLINE_ROOT;
        const d = Y.parse(fs.readFileSync(root + "/docker-compose.yml", "utf8"), { merge: true });
        for (const s of Object.values(d.services || {})) if (s.build)
          console.log(path.resolve(root, s.build.context || ".", s.build.dockerfile || "Dockerfile"));'
    } | sort -u)
}

check_compose_schema() {
  local ajv=("${BIN}/ajv" validate -s "${COMPOSE_SCHEMA}" -m "${HERE}/json-schema-draft-07-https.json"
    --strict=false --all-errors --errors=line)
  "${CHECKER[@]}" compose-resolve "${WORK}/compose.resolved.json"
  "${ajv[@]}" -d "${ROOT}/docker-compose.yml"
  "${ajv[@]}" -d "${WORK}/compose.resolved.json"
  echo "docker-compose.yml valid against the Compose Specification schema (dclint $(node -p "require('${NODE_TOOLS}/node_modules/dclint/package.json').version") schemas/compose.schema.json), as written and interpolated with deploy/.env.example"
}

check_compose_lint() {
  "${BIN}/dclint" "${ROOT}/docker-compose.yml" -c "${HERE}/dclintrc.yml" --max-warnings 0 --color=false
  echo "dclint $("${BIN}/dclint" --version): no errors, no warnings (rules: .ci/deploy-validation/dclintrc.yml)"
}

check_dockerfile_lint() {
  local f out bad=0
  for f in "${SERVICE_DOCKERFILES[@]}"; do
    out="$("${BIN}/dockerfile-utils" lint "${f}")" || bad=1
    [[ -z "${out}" ]] || { echo "${f#"${ROOT}"/}:"; echo "${out}"; bad=1; }
  done
  [[ ${bad} -eq 0 ]] || return 1
  echo "dockerfile-utils lint: ${#SERVICE_DOCKERFILES[@]} Dockerfile(s) clean: ${SERVICE_DOCKERFILES[*]#"${ROOT}"/}"
}

check_shell() {
  shellcheck --severity=style "${ROOT}/deploy/docker/healthcheck.sh" "${ROOT}/.ci/validate-deploy.sh" "${ROOT}/bin/reencrypt"
  echo "shellcheck $(shellcheck --version | sed -n 's/^version: //p'): deploy/docker/healthcheck.sh, .ci/validate-deploy.sh, bin/reencrypt"
}

check_prom_config() {
  (cd "${ROOT}/deploy/prometheus" && "${PROMTOOL}" check config prometheus.yml)
  echo "promtool check config: deploy/prometheus/prometheus.yml and its rule files"
}

check_prom_rules() {
  (cd "${ROOT}/deploy/prometheus" && "${PROMTOOL}" check rules alerts.yml)
  echo "promtool check rules: deploy/prometheus/alerts.yml"
}

check_prom_rule_tests() {
  (cd "${HERE}" && "${PROMTOOL}" test rules alerts.test.yml)
  echo "promtool test rules: alerts fire and stay quiet as specified in .ci/deploy-validation/alerts.test.yml"
}

check_grafana() {
  "${CHECKER[@]}" grafana "${WORK}/dashboard-queries.json"
}

check_dashboard_promql() {
  [[ -s "${WORK}/dashboard-queries.json" ]] || "${CHECKER[@]}" grafana "${WORK}/dashboard-queries.json" > /dev/null
  "${PROMTOOL}" check rules "${WORK}/dashboard-queries.json"
  echo "promtool parsed all $(grep -c '"record"' "${WORK}/dashboard-queries.json") dashboard PromQL queries (Grafana variables substituted)"
}

check_image_build() {
  local ctx="${WORK}/context" modules jdk="" m jar
  "${CHECKER[@]}" context "${ctx}" > /dev/null
  modules="$(node -e '
    const Y = require(process.env.DEPLOY_TOOLS_NODE_MODULES + "/yaml");
    const d = Y.parse(require("fs").readFileSync(process.env.RINGLINE_ROOT + "/docker-compose.yml", "utf8"), { merge: true });
    console.log(Object.values(d.services).map((s) => s.build?.args?.MODULE).filter(Boolean).join(","));')"
  for jdk in /usr/lib/jvm/temurin-25* /opt/java/openjdk ""; do [[ -x "${jdk}/bin/javac" ]] && break; done
  # --fail-at-end: one module that does not build yet must not hide the others' results.
  local rc=0 found=() missing=()
  (cd "${ctx}" && JAVA_HOME="${jdk:-${JAVA_HOME:-}}" ./mvnw -B -ntp -q -fae -pl "${modules}" -am package -DskipTests) \
    > "${WORK}/maven.log" 2>&1 || rc=$?
  for m in ${modules//,/ }; do
    # A failed repackage can leave an empty zip behind; a Spring Boot executable jar is megabytes.
    jar="$(find "${ctx}/${m}/target" -maxdepth 1 -name "${m}-*-exec.jar" -size +1M 2> /dev/null | head -n 1)"
    if [[ -n "${jar}" ]]; then found+=("${jar#"${ctx}"/}"); else missing+=("${m}"); fi
  done
  if [[ ${rc} -ne 0 || ${#missing[@]} -gt 0 ]]; then
    grep -E '^\[ERROR\]' "${WORK}/maven.log" | grep -vE '^\[ERROR\] *$|Re-run Maven|full stack trace|For more information|^\[ERROR\] \[Help 1\]|resume the build|mvn <args>' | head -n 20 || true
    echo "built: ${found[*]:-none}; no exec jar for: ${missing[*]:-none} (maven exit ${rc})"
    return 1
  fi
  echo "Dockerfile build step rehearsed in the .dockerignore'd context: ${found[*]}"
}

check_runtime_smoke() {
  local jar java=""
  jar="$(find "${WORK}/context/provider-sandbox/target" -maxdepth 1 -name 'provider-sandbox-*-exec.jar' -size +1M 2> /dev/null | head -n 1)"
  [[ -n "${jar}" ]] || { echo "no provider-sandbox exec jar (image/maven-build)"; return 1; }
  for java in /usr/lib/jvm/temurin-25*/bin/java /opt/java/openjdk/bin/java "$(command -v java)"; do
    [[ -x "${java}" ]] && break
  done
  "${CHECKER[@]}" runtime-smoke provider-sandbox "${jar}" "${java}"
}

collect_dockerfiles

check compose/schema          check_compose_schema
check compose/lint            check_compose_lint
check compose/contract        "${CHECKER[@]}" compose-contract
check dockerfile/lint         check_dockerfile_lint
check dockerfile/context      "${CHECKER[@]}" dockerfiles "${SERVICE_DOCKERFILES[@]}"
check image/healthcheck-probe "${CHECKER[@]}" probe "${ROOT}/deploy/docker/healthcheck.sh"
check shell/shellcheck        check_shell
check prometheus/config       check_prom_config
check prometheus/rules        check_prom_rules
check prometheus/rule-tests   check_prom_rule_tests
check prometheus/metrics      "${CHECKER[@]}" alerts-contract
check grafana/provisioning    check_grafana
check grafana/promql          check_dashboard_promql
check k8s/manifests           "${K8S_CHECKER[@]}" manifests
check k8s/negative-corpus     "${K8S_CHECKER[@]}" negative "${HERE}/k8s-bad"
if ${BUILD}; then
  check image/maven-build     check_image_build
  check image/runtime-smoke   check_runtime_smoke
fi

TOTAL=$((PASSED + ${#FAILED[@]}))
if [[ ${#FAILED[@]} -gt 0 ]]; then
  echo "deploy validation: FAILED, ${#FAILED[@]} of ${TOTAL} checks: ${FAILED[*]}"
  exit 1
fi
echo "deploy validation: ${PASSED} checks passed"
