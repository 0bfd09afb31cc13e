package io.ringline.platform.testing.blocking;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The house's BlockHound rules, loaded by ServiceLoader in every test JVM that has platform-kit's test jar.
 * Reactor, Reactor Netty and Netty bring their own integrations (which threads are non-blocking, their own
 * justified exceptions); this adds only the documented false positives of our stack — each with the reason —
 * and records every detection (see {@link Detections}).
 */
public final class RinglineBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.blockingMethodCallback(Detections::record);

        // Kafka's producer I/O thread is an event loop of ours too: a send's future completes on it, and the reactive
        // chain waiting on that future (a GO webhook's answer after its signal was acknowledged, an outbox batch's
        // delete) resumes there. A blocking call in such a continuation would stall every produce of the instance —
        // worse, a send from it that waits for metadata or buffer space would wait for the very thread it blocks.
        // The profile of 2026-12-07 found a quarter of that thread's samples in our continuations
        // (docs/performance.md); Kafka's own work on it never blocks (it waits in its selector, which is not a
        // blocking call to BlockHound).
        builder.nonBlockingThreadPredicate(current -> current.or(KafkaIoThreads::isProducerIoThread));
        // …except Kafka's own back-off: while the broker is away its sender retries the idempotent producer's id
        // request (and the coordinator lookup), sleeping between tries with its Time.sleep — by design, on its own
        // thread, and never called by a continuation of ours (DegradationIntegrationTest stops the broker).
        builder.allowBlockingCallsInside("org.apache.kafka.common.utils.SystemTime", "sleep");

        // Logging: Logback's console appender writes each line synchronously under its lock (to stdout, a pipe to
        // the container runtime or Surefire). Accepted on purpose, as everywhere in the services: a line is a short
        // buffered write, and an asynchronous appender would trade it for lost lines on a crash. Not a call of ours.
        builder.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes");

        // Randomness: SecureRandom (NativePRNG on Linux) refills its buffer from /dev/urandom now and then — IVs of
        // SecretBox, UUIDs, tokens. /dev/urandom never waits once the kernel's pool is initialised at boot: a short
        // read with no I/O wait, which BlockHound cannot tell from a blocking file read.
        builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes");

        // Loading a native library once: Netty's zstd support (first compressed HTTP answer) extracts zstd-jni's
        // library from its jar in a class initialiser — one-time, like class loading, which BlockHound allows.
        builder.allowBlockingCallsInside("com.github.luben.zstd.util.Native", "load");

        // Jackson builds a deserializer once per type and caches it; two threads building the first one for the same
        // type at the same moment wait on the cache's lock for that construction — once per type per JVM, no I/O,
        // like class loading. Seen as a flaky relay failure in TwoInstancesIntegrationTest (two relays reading
        // GO's first text frame at once): BlockHound's error ended the upstream ("upstream unavailable").
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
                "_createAndCacheValueDeserializer");

        // Netty 4.2's default allocator: when threads collide on its magazines it grows their array and frees the old
        // magazines under each one's StampedLock — a short in-memory critical section, the kind Netty's own
        // integration allows for the pooled allocator (PoolArena.lock, PoolChunk.free) but not yet for this one
        // (Armeria allows it too: line/armeria#6344). Seen as a 500 from the test receiver's reply in the fan-out's
        // TwoInstancesIntegrationTest, which the dispatcher then retried: "no delivery sent twice" failed on a test
        // artefact, not on the claim.
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
                "tryExpandMagazines");

        // Test scaffolding, not product code: ReencryptionIntegrationTest plays "another service instance writes this
        // row right now" with a JDBC update from inside the re-encryption hook, which runs on the R2DBC loop — the
        // write must land at that exact point of the interleaving, so it is synchronous on purpose.
        builder.allowBlockingCallsInside("io.ringline.platform.crypto.reencrypt.ReencryptionIntegrationTest", "update");
    }
}
