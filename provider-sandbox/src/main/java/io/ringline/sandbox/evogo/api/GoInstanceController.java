package io.ringline.sandbox.evogo.api;

import java.net.URI;
import java.util.List;

import io.ringline.sandbox.control.ControlRequests;
import io.ringline.sandbox.evogo.GoConnectivity;
import io.ringline.sandbox.evogo.GoInstance;
import io.ringline.sandbox.evogo.pairing.GoPairing;
import io.ringline.sandbox.sim.Phones;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * GO's instance routes: status, and QR pairing ({@code /instance/connect}, {@code /instance/qr}). They answer
 * while the instance is disconnected — reporting and ending that state is what they are for.
 */
@RestController
class GoInstanceController {

    private final GoConnectivity connectivity;
    private final GoPairing pairing;

    GoInstanceController(GoConnectivity connectivity, GoPairing pairing) {
        this.connectivity = connectivity;
        this.pairing = pairing;
    }

    @GetMapping("/evogo/{instance}/instance/status")
    GoResponses.InstanceStatus status(@RequestAttribute(GoApiFilter.INSTANCE) GoInstance instance) {
        return new GoResponses.InstanceStatus(connectivity.isOnline(instance) ? "open" : "close");
    }

    /** Starts pairing when the instance is not logged in; stores the webhook URL it is given. */
    @PostMapping("/evogo/{instance}/instance/connect")
    GoResponses.Wrapped<GoResponses.Connected> connect(@RequestAttribute(GoApiFilter.INSTANCE) GoInstance instance,
            @RequestBody(required = false) GoRequests.Connect request) {
        URI webhook = request == null || request.webhookUrl() == null || request.webhookUrl().isBlank() ? null
                : ControlRequests.httpUrl(request.webhookUrl(), "webhookUrl");
        GoInstance updated = pairing.connect(instance, webhook);
        List<String> events = request == null || request.subscribe() == null ? List.of() : request.subscribe();
        return GoResponses.Wrapped.success(new GoResponses.Connected(
                updated.connected() ? Phones.jid(updated.phone()) : "", updated.webhookUrl().toString(),
                String.join(",", events)));
    }

    /** The code to scan now; a logged-in instance has none (400, as GO answers). */
    @GetMapping("/evogo/{instance}/instance/qr")
    GoResponses.Wrapped<GoResponses.Qr> qr(@RequestAttribute(GoApiFilter.INSTANCE) GoInstance instance) {
        return pairing.currentCode(instance)
                .map(code -> GoResponses.Wrapped.success(new GoResponses.Qr("", code.code())))
                .orElseThrow(() -> new GoApiException(HttpStatus.BAD_REQUEST, "session already logged in"));
    }
}
