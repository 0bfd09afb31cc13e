package io.ringline.sandbox.evogo.provisioning;

import java.util.List;
import java.util.regex.Pattern;

import io.ringline.sandbox.control.ControlApi;
import io.ringline.sandbox.control.ControlRequests;
import io.ringline.sandbox.control.NotFoundException;
import io.ringline.sandbox.evogo.GoConnectivity;
import io.ringline.sandbox.evogo.GoConnectivityWatcher;
import io.ringline.sandbox.evogo.GoInstance;
import io.ringline.sandbox.evogo.GoInstances;
import io.ringline.sandbox.evogo.pairing.GoPairing;
import io.ringline.sandbox.sim.Phones;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Provisions simulated GO instances. Each is served at {@code /evogo/{instanceName}}; re-provisioning keeps its
 * calls and, if it changes whether the instance is connected, sends a ConnectionUpdate webhook.
 */
@RestController
@ControlApi
@RequestMapping("/sandbox/evogo/instances")
class GoProvisioningController {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final GoInstances instances;
    private final GoConnectivity connectivity;
    private final GoConnectivityWatcher watcher;
    private final GoPairing pairing;

    GoProvisioningController(GoInstances instances, GoConnectivity connectivity, GoConnectivityWatcher watcher,
            GoPairing pairing) {
        this.instances = instances;
        this.connectivity = connectivity;
        this.watcher = watcher;
        this.pairing = pairing;
    }

    @PutMapping("/{instanceName}")
    ResponseEntity<GoInstanceView> provision(@PathVariable String instanceName,
            @RequestBody GoInstanceRequest request) {
        if (!NAME.matcher(instanceName).matches()) {
            throw new IllegalArgumentException("instanceName must be 1-64 of [A-Za-z0-9._-]");
        }
        var instance = new GoInstance(instanceName,
                ControlRequests.required(request.token(), "token"),
                Phones.require(request.phone(), "phone"),
                ControlRequests.httpUrl(request.webhookUrl(), "webhookUrl"),
                request.connected() == null || request.connected());
        boolean created = instances.put(instance).isEmpty();
        pairing.forget(instanceName); // a re-provisioned instance starts over: a pairing in progress ends
        watcher.onProvisioned(instance);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(view(instance));
    }

    @GetMapping("/{instanceName}")
    GoInstanceView get(@PathVariable String instanceName) {
        return instances.find(instanceName).map(this::view)
                .orElseThrow(() -> new NotFoundException("instance " + instanceName + " not found"));
    }

    @GetMapping
    List<GoInstanceView> list() {
        return instances.all().stream().map(this::view).toList();
    }

    private GoInstanceView view(GoInstance instance) {
        return GoInstanceView.of(instance, connectivity.isOnline(instance));
    }
}
