package io.ringline.fanout.subscription.web;

import io.ringline.fanout.guard.WebhookUrlPolicy;
import io.ringline.fanout.subscription.EventSelection;
import io.ringline.fanout.subscription.NewSubscription;
import io.ringline.fanout.subscription.SubscriptionChanges;
import io.ringline.platform.internalapi.CreateWebhookRequest;
import io.ringline.platform.internalapi.UpdateWebhookRequest;
import io.ringline.platform.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.stereotype.Component;

/** Turns request bodies into validated domain commands; every problem is a 400 naming its field. */
@Component
class WebhookRequestValidator {

    static final int MAX_NAME = 100;
    static final int MAX_NUMBERS = 100;
    static final int MAX_ID = 64;

    private final WebhookUrlPolicy urlPolicy;

    WebhookRequestValidator(WebhookUrlPolicy urlPolicy) {
        this.urlPolicy = urlPolicy;
    }

    NewSubscription create(CreateWebhookRequest body) {
        if (body == null) {
            throw ApiException.invalid("body", "is required");
        }
        url(body.url());
        if (body.events() == null) {
            throw ApiException.invalid("events", "is required (use [\"*\"] for every event, [] for none)");
        }
        List<String> numbers = body.whatsappNumberIds();
        String field = "whatsappNumberIds";
        if (numbers == null && body.whatsappNumberId() != null) {
            numbers = List.of(body.whatsappNumberId());
            field = "whatsappNumberId";
        }
        return new NewSubscription(name(body.name()), body.url(), events(body.events()),
                numbers == null ? List.of() : numberIds(numbers, field));
    }

    /** @param scopedNumberId the number a number-scoped caller is limited to, or null */
    SubscriptionChanges update(UpdateWebhookRequest body, String scopedNumberId) {
        if (body == null) {
            throw ApiException.invalid("body", "is required");
        }
        if (body.url() != null) {
            url(body.url());
        }
        List<String> numbers = body.whatsappNumberIds() == null ? null
                : numberIds(body.whatsappNumberIds(), "whatsappNumberIds");
        if (numbers != null && scopedNumberId != null && !numbers.equals(List.of(scopedNumberId))) {
            throw ApiException.invalid("whatsappNumberIds", "may only be [\"" + scopedNumberId + "\"] for this caller");
        }
        return new SubscriptionChanges(body.name() == null ? null : name(body.name()), body.url(),
                body.events() == null ? null : events(body.events()), body.active(), numbers);
    }

    private void url(String url) {
        urlPolicy.problem(url).ifPresent(problem -> {
            throw ApiException.invalid("url", problem);
        });
    }

    private static String name(String name) {
        if (name != null && name.length() > MAX_NAME) {
            throw ApiException.invalid("name", "must be at most " + MAX_NAME + " characters");
        }
        return name == null || name.isBlank() ? null : name;
    }

    private static EventSelection events(List<String> events) {
        try {
            return EventSelection.of(events);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("events", e.getMessage());
        }
    }

    private static List<String> numberIds(List<String> ids, String field) {
        if (ids.size() > MAX_NUMBERS) {
            throw ApiException.invalid(field, "must list at most " + MAX_NUMBERS + " numbers");
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank() || id.length() > MAX_ID) {
                throw ApiException.invalid(field, "[" + i + "] must be a number id");
            }
            distinct.add(id);
        }
        return new ArrayList<>(distinct);
    }
}
