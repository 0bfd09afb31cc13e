package io.ringline.sandbox.evogo.pairing;

import io.ringline.sandbox.control.ConflictException;
import io.ringline.sandbox.control.ControlApi;
import io.ringline.sandbox.control.NotFoundException;
import io.ringline.sandbox.evogo.GoConnectivityWatcher;
import io.ringline.sandbox.evogo.GoInstance;
import io.ringline.sandbox.evogo.GoInstances;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The phone's side of QR pairing: "scanning" the code a GO instance shows logs the instance in. */
@RestController
@ControlApi
@RequestMapping("/sandbox/instances")
class PairingControlController {

    /** {@code code}: the scanned code; omitted = whatever the instance shows now. */
    record ScanRequest(String code) {
    }

    record Scanned(String instanceName, boolean connected) {
    }

    private final GoInstances instances;
    private final GoPairing pairing;
    private final GoConnectivityWatcher watcher;

    PairingControlController(GoInstances instances, GoPairing pairing, GoConnectivityWatcher watcher) {
        this.instances = instances;
        this.pairing = pairing;
        this.watcher = watcher;
    }

    @PostMapping("/{instanceName}/scan")
    Scanned scan(@PathVariable String instanceName, @RequestBody(required = false) ScanRequest request) {
        GoInstance instance = instances.find(instanceName)
                .orElseThrow(() -> new NotFoundException("instance " + instanceName + " not found"));
        try {
            GoInstance paired = pairing.scan(instance, request == null ? null : request.code());
            watcher.onProvisioned(paired); // logged in now: ConnectionUpdate open
            return new Scanned(paired.name(), paired.connected());
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
    }
}
