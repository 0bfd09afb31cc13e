#!/usr/bin/env bash
# Builds what the dev stack needs (tests skipped) and starts the whole platform on its embedded
# default: Kafka (KRaft) on :9092, PostgreSQL, the four services, the provider sandbox and a seeded
# demo tenant (.ringline/dev-stack.json). Ctrl-C stops everything. Configuration: README.md.
#
#   ./dev.sh               everything in one JVM (quick start)
#   ./dev.sh --processes   each service and the sandbox its own JVM (production JIT, 256 MiB heap each),
#                          supervised and restarted when one dies; pids under "processes" in dev-stack.json
# Other options (--no-rate-limits, --set=…, --jvm-opt=…, --jfr=…): dev-stack/src/main/java/…/LaunchArgs.java
set -euo pipefail
cd "$(dirname "$0")"
java_bin=$(bin/find-jdk)
./mvnw -q -B -DskipTests -pl dev-stack -am install
jvm=(-Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
for arg in "$@"; do
  # With --processes this JVM holds only the broker, the database's supervisor and the service supervisor:
  # the full JIT, so the broker is measured as it would run.
  [ "$arg" = "--processes" ] && jvm=(-Xmx512m -XX:+UseSerialGC)
done
exec "$java_bin" "${jvm[@]}" --enable-native-access=ALL-UNNAMED \
  -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ringline.schemas \
  -jar dev-stack/target/dev-stack-0.1.0-SNAPSHOT-exec.jar "$@"
