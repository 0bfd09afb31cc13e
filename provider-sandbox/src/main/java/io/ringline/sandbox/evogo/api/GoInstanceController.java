package io.ringline.sandbox.evogo.api;

import io.ringline.sandbox.evogo.GoConnectivity;
import io.ringline.sandbox.evogo.GoInstance;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /instance/status}: answers even when the instance is disconnected (that is what it reports). */
@RestController
class GoInstanceController {

    private final GoConnectivity connectivity;

    GoInstanceController(GoConnectivity connectivity) {
        this.connectivity = connectivity;
    }

    @GetMapping("/evogo/{instance}/instance/status")
    GoResponses.InstanceStatus status(@RequestAttribute(GoApiFilter.INSTANCE) GoInstance instance) {
        return new GoResponses.InstanceStatus(connectivity.isOnline(instance) ? "open" : "close");
    }
}
