// Reads Ringline's `call-events` topic from Node (kafkajs + avsc) and prints one JSON line per event.
// Wire format (docs/topics.md): key = number id (UTF-8); value = Avro single-object encoding:
//   C3 01 | 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema | Avro binary body.
// Env: KAFKA_BOOTSTRAP (localhost:9092), CALL_EVENTS_SCHEMA (the self-contained call-events.avsc),
//      GROUP_ID (ringline-node-example), MAX_EVENTS (stop after that many; unset = run until Ctrl-C).
import { readFileSync } from "node:fs";
import avro from "avsc";
import { Kafka, logLevel } from "kafkajs";

const schemaFile = process.env.CALL_EVENTS_SCHEMA ?? "../schemas/target/self-contained/call-events.avsc";
const callEvent = avro.Type.forSchema(JSON.parse(readFileSync(schemaFile, "utf8")));
const fingerprint = crc64Avro(Buffer.from(JSON.stringify(callEvent.schema()), "utf8")); // of the Parsing Canonical Form

function decode(value) {
  if (value.length < 10 || value[0] !== 0xc3 || value[1] !== 0x01) throw new Error("not an Avro single-object record");
  if (value.readBigUInt64LE(2) !== fingerprint) {
    // A newer schema version wrote it: load that version's call-events.avsc (and keep this one for older records).
    throw new Error(`unknown writer schema ${value.readBigUInt64LE(2).toString(16)}`);
  }
  return callEvent.fromBuffer(value.subarray(10));
}

// CRC-64-AVRO (Rabin fingerprint), as in the Avro specification.
function crc64Avro(bytes) {
  const EMPTY = 0xc15d213aa4d7a795n;
  const table = Array.from({ length: 256 }, (_, i) => {
    let fp = BigInt(i);
    for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n));
    return fp;
  });
  let fp = EMPTY;
  for (const b of bytes) fp = (fp >> 8n) ^ table[Number((fp ^ BigInt(b)) & 0xffn)];
  return fp;
}

const kafka = new Kafka({ clientId: "ringline-node-example", brokers: (process.env.KAFKA_BOOTSTRAP ?? "localhost:9092").split(","), logLevel: logLevel.WARN });
const consumer = kafka.consumer({ groupId: process.env.GROUP_ID ?? "ringline-node-example" });
const maxEvents = Number(process.env.MAX_EVENTS ?? Infinity);
let seen = 0;

await consumer.connect();
await consumer.subscribe({ topic: "call-events", fromBeginning: true });
await consumer.run({
  eachMessage: async ({ partition, message }) => {
    let event;
    try {
      event = decode(message.value); // deduplicate by event.eventId; order a call's events by event.sequence
    } catch (e) {
      console.error(`skipping partition ${partition} offset ${message.offset}: ${e.message}`);
      return;
    }
    console.log(JSON.stringify({ key: message.key.toString("utf8"), partition, offset: message.offset, event }));
    if (++seen >= maxEvents) setImmediate(() => consumer.disconnect().then(() => process.exit(0)));
  },
});
