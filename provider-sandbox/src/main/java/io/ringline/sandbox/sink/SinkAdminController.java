package io.ringline.sandbox.sink;

import java.util.List;

import io.ringline.sandbox.control.ControlApi;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Reads and clears what the sink recorded, and sets how it answers. */
@RestController
@ControlApi
class SinkAdminController {

    private final SinkRecorder recorder;
    private final SinkBehaviours behaviours;

    SinkAdminController(SinkRecorder recorder, SinkBehaviours behaviours) {
        this.recorder = recorder;
        this.behaviours = behaviours;
    }

    /** Oldest first; {@code path} keeps only deliveries whose path starts with it. */
    @GetMapping(SinkController.BASE + "/deliveries")
    List<RecordedDelivery> deliveries(@RequestParam(required = false) String path) {
        return recorder.deliveries(path);
    }

    @DeleteMapping(SinkController.BASE + "/deliveries")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clearDeliveries() {
        recorder.clear();
    }

    @PutMapping(SinkController.BASE + "/behaviour")
    List<SinkBehaviour> behave(@RequestBody SinkBehaviour request) {
        if (request.status() != null && (request.status() < 100 || request.status() > 599)) {
            throw new IllegalArgumentException("status must be an HTTP status (100-599)");
        }
        if (request.delayMs() != null && (request.delayMs() < 0 || request.delayMs() > 600_000)) {
            throw new IllegalArgumentException("delayMs must be between 0 and 600000");
        }
        if (request.times() != null && request.times() < 1) {
            throw new IllegalArgumentException("times must be >= 1 (omit it for 'until changed')");
        }
        String path = request.path() == null ? "" : request.path();
        if (!path.isEmpty() && !path.startsWith("/")) {
            throw new IllegalArgumentException("path must be empty or start with '/'");
        }
        behaviours.put(new SinkBehaviour(path, request.status(), request.delayMs(), request.times()));
        return behaviours.all();
    }

    @GetMapping(SinkController.BASE + "/behaviour")
    List<SinkBehaviour> behaviour() {
        return behaviours.all();
    }

    @DeleteMapping(SinkController.BASE + "/behaviour")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetBehaviour() {
        behaviours.clear();
    }
}
