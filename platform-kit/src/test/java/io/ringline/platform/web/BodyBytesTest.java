package io.ringline.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Reference-counted (Netty) buffers, so a buffer the joiner forgets to release shows as refCnt above 0. */
class BodyBytesTest {

    private final NettyDataBufferFactory factory = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));
    private final List<ByteBuf> issued = new ArrayList<>();

    private DataBuffer buffer(String text) {
        NettyDataBuffer buffer = factory.wrap(factory.getByteBufAllocator().buffer().writeBytes(
                text.getBytes(StandardCharsets.UTF_8)));
        issued.add(buffer.getNativeBuffer());
        return buffer;
    }

    private Flux<DataBuffer> body(String... parts) {
        return Flux.defer(() -> Flux.fromArray(parts).map(this::buffer));
    }

    private void assertAllReleased() {
        assertThat(issued).isNotEmpty().allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    @Test
    void readJoinsEveryPartInOrderAndReleasesThem() {
        StepVerifier.create(BodyBytes.read(body("hel", "lo ", "world"), 100))
                .assertNext(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("hello world"))
                .verifyComplete();
        assertAllReleased();
    }

    @Test
    void aBodyOfExactlyTheCapIsRead() {
        StepVerifier.create(BodyBytes.read(body("12345", "67890"), 10))
                .assertNext(bytes -> assertThat(bytes).hasSize(10))
                .verifyComplete();
        assertAllReleased();
    }

    @Test
    void aBodyPastTheCapFailsReleasesWhatWasReadAndReadsNoFurther() {
        AtomicInteger requestedParts = new AtomicInteger();
        Flux<DataBuffer> endless = Flux.<DataBuffer>generate(sink -> sink.next(buffer("0123456789")))
                .doOnNext(b -> requestedParts.incrementAndGet());
        StepVerifier.create(BodyBytes.read(endless, 25))
                .expectError(DataBufferLimitException.class)
                .verify();
        assertThat(requestedParts.get()).isEqualTo(3); // 30 bytes passed the cap of 25: the rest was never read
        assertAllReleased();
    }

    @Test
    void noBodyReadsAsEmpty() {
        StepVerifier.create(BodyBytes.read(Flux.empty(), 10))
                .assertNext(bytes -> assertThat(bytes).isEmpty())
                .verifyComplete();
        StepVerifier.create(BodyBytes.readAll(Flux.empty()))
                .assertNext(bytes -> assertThat(bytes).isEmpty())
                .verifyComplete();
        StepVerifier.create(BodyBytes.headAsText(Flux.empty(), 10)).expectNext("").verifyComplete();
    }

    @Test
    void readAllHasNoCap() {
        String big = "x".repeat(64 * 1024);
        StepVerifier.create(BodyBytes.readAll(body(big, big)))
                .assertNext(bytes -> assertThat(bytes).hasSize(128 * 1024))
                .verifyComplete();
        assertAllReleased();
    }

    @Test
    void headAsTextKeepsTheFirstBytesOnlyAndReleasesTheRest() {
        StepVerifier.create(BodyBytes.headAsText(body("abcdef", "ghij", "never"), 8))
                .expectNext("abcdefgh")
                .verifyComplete();
        assertThat(issued).hasSize(2); // the third part was never asked for
        assertAllReleased();
    }
}
