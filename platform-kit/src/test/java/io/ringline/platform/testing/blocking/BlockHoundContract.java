package io.ringline.platform.testing.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

/**
 * Proves BlockHound is installed in this module's test JVM: a blocking call on a Reactor non-blocking thread, on a
 * Reactor Netty event loop (the threads of our HTTP servers, WebClients and the R2DBC driver) and on Kafka's producer
 * I/O thread (where a send's completion resumes its chain) must fail with {@link BlockingOperationError}. Each service module runs it through a subclass; without BlockHound (dependency
 * or JVM flags removed) these tests fail.
 */
public abstract class BlockHoundContract {

    private static LoopResources loops;

    @BeforeAll
    static void startLoop() {
        loops = LoopResources.create("blockhound-proof", 1, true);
    }

    @AfterAll
    static void stopLoop() {
        loops.disposeLater().block(Duration.ofSeconds(10));
    }

    @Test
    void sleepingOnTheParallelSchedulerIsABlockingOperationError() {
        Throwable error = Mono.fromRunnable(() -> sleep(5))
                .subscribeOn(Schedulers.parallel())
                .then(Mono.<Throwable>empty())
                .onErrorResume(Mono::just)
                .block(Duration.ofSeconds(10));

        assertThat(error).isInstanceOf(BlockingOperationError.class).hasMessageContaining("Thread.sleep");
        assertThat(Detections.forgetProvokedBy(BlockHoundContract.class)).isTrue();
    }

    @Test
    void sleepingOnAReactorNettyEventLoopIsABlockingOperationError() throws Exception {
        Future<?> onLoop = loops.onServer(true).next().submit(() -> sleep(5));

        Throwable error = null;
        try {
            onLoop.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            error = e.getCause();
        }

        assertThat(error).isInstanceOf(BlockingOperationError.class).hasMessageContaining("Thread.sleep");
        assertThat(Detections.forgetProvokedBy(BlockHoundContract.class)).isTrue();
    }

    @Test
    void sleepingOnKafkasProducerIoThreadIsABlockingOperationError() throws Exception {
        // Named as KafkaProducer names its I/O thread, where a send's completion runs the chain that waited for it.
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread io = new Thread(() -> {
            try {
                sleep(5);
            } catch (Throwable e) {
                error.set(e);
            }
        }, KafkaIoThreads.PRODUCER_IO_THREAD_PREFIX + " | blockhound-proof");
        io.start();
        io.join(10_000);

        assertThat(error.get()).isInstanceOf(BlockingOperationError.class).hasMessageContaining("Thread.sleep");
        assertThat(Detections.forgetProvokedBy(BlockHoundContract.class)).isTrue();
    }

    @Test
    void sleepingOnABoundedElasticWorkerIsAllowed() {
        // The other side of the rule: blocking work belongs on boundedElastic, and BlockHound lets it be.
        Boolean done = Mono.fromCallable(() -> {
                    sleep(5);
                    return true;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .block(Duration.ofSeconds(10));

        assertThat(done).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
