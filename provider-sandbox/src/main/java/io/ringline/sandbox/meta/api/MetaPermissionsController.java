package io.ringline.sandbox.meta.api;

import java.time.Instant;
import java.util.List;

import io.ringline.sandbox.meta.GraphException;
import io.ringline.sandbox.meta.MetaNumber;
import io.ringline.sandbox.meta.MetaSimulator;
import io.ringline.sandbox.meta.permission.PermissionState;
import io.ringline.sandbox.meta.permission.PermissionStatus;
import io.ringline.sandbox.meta.permission.UsageLimit;
import io.ringline.sandbox.sim.Phones;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /{phone-number-id}/call_permissions?user_wa_id=}: a user's permission and the limits around it. */
@RestController
class MetaPermissionsController {

    private final MetaSimulator simulator;

    MetaPermissionsController(MetaSimulator simulator) {
        this.simulator = simulator;
    }

    @GetMapping("/meta/{version}/{phoneNumberId}/call_permissions")
    GraphResponses.Permissions permissions(@RequestAttribute(GraphFilter.NUMBER) MetaNumber number,
            @RequestParam(name = "user_wa_id", required = false) String userWaId) {
        String user = Phones.normalize(userWaId).orElseThrow(() ->
                GraphException.invalidParameter("The parameter user_wa_id is required and must be a WhatsApp id"));
        PermissionState state = simulator.permission(number, user);
        PermissionStatus status = state.grant().status();
        return new GraphResponses.Permissions("whatsapp",
                new GraphResponses.Permission(status,
                        status == PermissionStatus.TEMPORARY ? epoch(state.expiresAt()) : null),
                List.of(new GraphResponses.PermissionAction("send_call_permission_request", state.mayRequest(),
                                limits(state.requestLimits())),
                        new GraphResponses.PermissionAction("start_call", state.mayCall(),
                                limits(state.callLimits()))));
    }

    private static List<GraphResponses.Limit> limits(List<UsageLimit> limits) {
        return limits.stream()
                .map(limit -> new GraphResponses.Limit(limit.timePeriod(), limit.maxAllowed(), limit.currentUsage(),
                        epoch(limit.limitExpiresAt())))
                .toList();
    }

    private static Long epoch(Instant at) {
        return at == null ? null : at.getEpochSecond();
    }
}
