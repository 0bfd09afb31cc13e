#!/usr/bin/env bash
# Builds what the dev stack needs (tests skipped) and starts the whole platform on its embedded
# default: Kafka (KRaft) on :9092, PostgreSQL, the four services, the provider sandbox and a seeded
# demo tenant (.ringline/dev-stack.json). Ctrl-C stops everything. Configuration: README.md.
set -euo pipefail
cd "$(dirname "$0")"
java_bin=$(bin/find-jdk)
./mvnw -q -B -DskipTests -pl dev-stack -am install
exec "$java_bin" -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED \
  -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ringline.schemas \
  -jar dev-stack/target/dev-stack-0.1.0-SNAPSHOT-exec.jar "$@"
