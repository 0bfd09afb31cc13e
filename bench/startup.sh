#!/usr/bin/env bash
# Start-up of the multi-process platform, measured several times (docs/performance.md "Start-up"): each run starts
# ./dev.sh --processes's launcher as the benchmark does (free ports, a fresh state directory, so a fresh embedded
# PostgreSQL), waits for dev-stack.json's launcher.upInMs (written once every service answers ready), stops it the
# way Ctrl-C does, and prints every run and the median. A run that recorded the AOT caches (the first start after a
# build) is reported apart: it measures the recording, not a start.
#
#   bench/startup.sh [runs]     default 5; run it with nothing else busy on the machine
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
java_bin=$(bin/find-jdk)
./mvnw -q -B -DskipTests -pl dev-stack -am install
ups=()
for i in $(seq "$runs"); do
  state=$(mktemp -d -t ringline-startup.XXXXXX)
  env -u RINGLINE_KAFKA_BOOTSTRAP -u RINGLINE_DB_HOST RINGLINE_STATE_DIR="$state" RINGLINE_HOME="$PWD" \
    RINGLINE_DEV_KAFKA_PORT=0 RINGLINE_DEV_POSTGRES_PORT=0 RINGLINE_GATEWAY_PORT=0 RINGLINE_SIGNALING_PORT=0 \
    RINGLINE_MEDIA_PORT=0 RINGLINE_FANOUT_PORT=0 RINGLINE_SANDBOX_PORT=0 \
    "$java_bin" -Xmx512m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
    -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ringline.schemas \
    -jar dev-stack/target/dev-stack-0.1.0-SNAPSHOT-exec.jar --processes >"$state/launcher.log" 2>&1 &
  launcher=$!
  file="$state/dev-stack.json"
  deadline=$((SECONDS + 600))
  until [ -s "$file" ] && jq -e '.launcher.upInMs' "$file" >/dev/null 2>&1; do
    if ! kill -0 "$launcher" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      echo "run $i: the platform did not come up; its log: $state/launcher.log" >&2
      kill "$launcher" 2>/dev/null || true
      exit 1
    fi
    sleep 0.5 # polling a file another process writes; not a synchronisation in a test
  done
  up=$(jq '.launcher.upInMs' "$file")
  aot=$(jq '.launcher.aotTrainingMs // 0' "$file")
  kill -TERM "$launcher" # what Ctrl-C does (SIGINT is ignored by a background job of a script)
  wait "$launcher" || true
  if [ "$aot" -gt 0 ]; then
    echo "run $i: up in ${up} ms, of which ${aot} ms recording the AOT caches (not counted)"
  else
    echo "run $i: up in ${up} ms"
    ups+=("$up")
  fi
  rm -rf "$state"
done
if [ "${#ups[@]}" -gt 0 ]; then
  printf '%s\n' "${ups[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %d ms of %d runs (min %d, max %d)\n",
    (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2), NR, a[1], a[NR]}'
fi
