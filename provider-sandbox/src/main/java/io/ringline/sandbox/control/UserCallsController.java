package io.ringline.sandbox.control;

import io.ringline.sandbox.sim.Phones;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A simulated user calls a business number: a user-initiated call on whichever provider serves it. */
@RestController
@ControlApi
class UserCallsController {

    private final SandboxCalls calls;

    UserCallsController(SandboxCalls calls) {
        this.calls = calls;
    }

    @PostMapping("/sandbox/users/{phone}/calls")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<UserCallResponse> call(@PathVariable String phone, @RequestBody UserCallRequest request) {
        String user = Phones.require(phone, "phone");
        String business = Phones.require(request.to(), "to");
        var simulator = calls.servingBusiness(business);
        return Mono.fromFuture(simulator.placeUserCall(user, business))
                .map(callId -> new UserCallResponse(callId, simulator.provider()));
    }
}
