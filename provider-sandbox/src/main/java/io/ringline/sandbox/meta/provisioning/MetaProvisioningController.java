package io.ringline.sandbox.meta.provisioning;

import java.util.List;
import java.util.regex.Pattern;

import io.ringline.sandbox.control.ControlApi;
import io.ringline.sandbox.control.ControlRequests;
import io.ringline.sandbox.control.NotFoundException;
import io.ringline.sandbox.meta.MetaNumber;
import io.ringline.sandbox.meta.MetaNumbers;
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
 * Provisions simulated Cloud API numbers, served at {@code /meta/{version}/{phoneNumberId}}. Re-provisioning keeps
 * the number's calls, settings and permissions.
 */
@RestController
@ControlApi
@RequestMapping("/sandbox/meta/numbers")
class MetaProvisioningController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int DEFAULT_MESSAGING_LIMIT = 100_000;

    private final MetaNumbers numbers;

    MetaProvisioningController(MetaNumbers numbers) {
        this.numbers = numbers;
    }

    @PutMapping("/{phoneNumberId}")
    ResponseEntity<MetaNumberView> provision(@PathVariable String phoneNumberId,
            @RequestBody MetaNumberRequest request) {
        if (!ID.matcher(phoneNumberId).matches()) {
            throw new IllegalArgumentException("phoneNumberId must be 1-64 of [A-Za-z0-9._-]");
        }
        if (request.messagingLimit() != null && request.messagingLimit() < 0) {
            throw new IllegalArgumentException("messagingLimit must be >= 0");
        }
        var number = new MetaNumber(phoneNumberId,
                Phones.require(request.phone(), "phone"),
                ControlRequests.required(request.accessToken(), "accessToken"),
                ControlRequests.required(request.appSecret(), "appSecret"),
                ControlRequests.httpUrl(request.webhookUrl(), "webhookUrl"),
                request.wabaId() == null || request.wabaId().isBlank() ? "waba-" + phoneNumberId : request.wabaId(),
                request.messagingLimit() == null ? DEFAULT_MESSAGING_LIMIT : request.messagingLimit());
        boolean created = numbers.put(number).isEmpty();
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(MetaNumberView.of(number));
    }

    @GetMapping("/{phoneNumberId}")
    MetaNumberView get(@PathVariable String phoneNumberId) {
        return numbers.find(phoneNumberId).map(MetaNumberView::of)
                .orElseThrow(() -> new NotFoundException("number " + phoneNumberId + " not found"));
    }

    @GetMapping
    List<MetaNumberView> list() {
        return numbers.all().stream().map(MetaNumberView::of).toList();
    }
}
