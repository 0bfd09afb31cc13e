package io.ringline.sandbox.sink;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.ringline.sandbox.control.ControlApi;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /sandbox/webhook-sink/verify {secret, path?, deliveryId?}}: the recorded deliveries (all, those under
 * {@code path}, or one), each with a {@code signature} verdict for the given secret — so a tenant can see why its
 * endpoint would accept or refuse what Ringline sent. The secret comes in the body, never in a URL.
 */
@RestController
@ControlApi
class SinkVerificationController {

    /** What to check. */
    record VerifyRequest(String secret, String path, Long deliveryId) {
    }

    /** A recorded delivery with its verdict. */
    record CheckedDelivery(@JsonUnwrapped RecordedDelivery delivery, SignatureVerdict signature) {
    }

    private final SinkRecorder recorder;

    SinkVerificationController(SinkRecorder recorder) {
        this.recorder = recorder;
    }

    @PostMapping(SinkController.BASE + "/verify")
    List<CheckedDelivery> verify(@RequestBody VerifyRequest request) {
        SignatureCheck check = new SignatureCheck(request.secret());
        return recorder.deliveries(request.path()).stream()
                .filter(delivery -> request.deliveryId() == null || delivery.id() == request.deliveryId())
                .map(delivery -> new CheckedDelivery(delivery, check.check(delivery)))
                .toList();
    }
}
