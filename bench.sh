#!/usr/bin/env bash
# The platform benchmark (README "Benchmark", docs/performance.md). Builds what it needs (tests skipped), starts
# the platform one JVM per service (./dev.sh --processes --no-rate-limits: on free
# ports, per-key/per-tenant limits off, loopback exempt from per-source-address limits), drives it from this
# separate load-generator process on loopback and writes bench/results/<timestamp>/{results.json,report.md,chart.png}
# and bench/results/latest.json. The exit status is 2 when the run is void (a ledger did not balance).
#
#   ./bench.sh                      full run (about 20-30 minutes)
#   ./bench.sh --quick              a run of a few minutes
#   ./bench.sh --jfr                also record a JFR profile of every service (bench/results/<ts>/jfr/)
#   ./bench.sh --stack=.ringline/dev-stack.json   drive an already running dev stack instead (start it with
#                                   ./dev.sh --processes --no-rate-limits to get per-service CPU and heap)
set -euo pipefail
cd "$(dirname "$0")"
java_bin=$(bin/find-jdk)
./mvnw -q -B -DskipTests -pl bench -am package
# ZGC: the generator's own GC pauses would otherwise show up as platform latency.
exec "$java_bin" -Xmx1g -XX:+UseZGC --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true \
  -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ringline.schemas \
  -cp "bench/target/bench.jar:bench/target/lib/*" io.ringline.bench.BenchMain "$@"
