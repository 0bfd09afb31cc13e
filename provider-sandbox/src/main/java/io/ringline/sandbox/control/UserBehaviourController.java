package io.ringline.sandbox.control;

import java.time.Duration;

import io.ringline.sandbox.sim.Phones;
import io.ringline.sandbox.sim.user.SimulatedUsers;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** How simulated WhatsApp users treat business calls and permission requests. */
@RestController
@ControlApi
@RequestMapping("/sandbox/users/{phone}/behaviour")
class UserBehaviourController {

    private final SimulatedUsers users;

    UserBehaviourController(SimulatedUsers users) {
        this.users = users;
    }

    @PutMapping
    UserBehaviourView define(@PathVariable String phone, @RequestBody UserBehaviourRequest request) {
        String user = Phones.require(phone, "phone");
        ControlRequests.requireAtLeast(request.afterMs(), 0, "afterMs");
        ControlRequests.requireAtLeast(request.hangUpAfterMs(), -1, "hangUpAfterMs");
        var behaviour = users.define(user, request.onCall(),
                request.afterMs() == null ? null : Duration.ofMillis(request.afterMs()),
                request.hangUpAfterMs() == null ? null : Duration.ofMillis(request.hangUpAfterMs()),
                request.permission(), request.name());
        return UserBehaviourView.of(user, behaviour);
    }

    @GetMapping
    UserBehaviourView get(@PathVariable String phone) {
        String user = Phones.require(phone, "phone");
        return UserBehaviourView.of(user, users.behaviourOf(user));
    }

    @DeleteMapping
    UserBehaviourView reset(@PathVariable String phone) {
        String user = Phones.require(phone, "phone");
        return UserBehaviourView.of(user, users.reset(user));
    }
}
