#!/usr/bin/env bash
# Container health probe for every Ringline service image: 200 from GET /actuator/health/readiness
# on the service's management port (MANAGEMENT_SERVER_PORT, else its own port) means healthy (exit 0),
# anything else unhealthy (exit 1).
#
# Why bash and not curl: the eclipse-temurin JRE image ships neither curl nor wget, installing one
# only for probes widens the attack surface, and a second JVM per probe would eat into the container's
# memory limit. Bash's /dev/tcp speaks just enough HTTP/1.0 for a probe.
set -uo pipefail

port="${HEALTHCHECK_PORT:-${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}}"
path="${HEALTHCHECK_PATH:-/actuator/health/readiness}"
timeout_s="${HEALTHCHECK_TIMEOUT_SECONDS:-4}"

exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "${path}" >&3
status_line=""
IFS= read -r -t "${timeout_s}" status_line <&3
exec 3<&-
status_line="${status_line%$'\r'}"

case "${status_line}" in
  "HTTP/"*" 200 "* | "HTTP/"*" 200") exit 0 ;;
  *)
    echo "readiness probe on :${port}${path} answered: ${status_line:-<nothing>}" >&2
    exit 1
    ;;
esac
