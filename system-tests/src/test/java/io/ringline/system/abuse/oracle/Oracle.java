package io.ringline.system.abuse.oracle;

import io.ringline.system.abuse.catalog.Service;
import io.ringline.system.abuse.gen.HostileRequest;
import io.ringline.system.abuse.http.RawResponse;
import io.ringline.system.abuse.world.SecretRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Judges one answer against what the request may achieve: never a 5xx; a 2xx only for a harmless read; every
 * other answer a documented error ({@code {error, code}} with a documented status+code, or GO's {@code {error}}
 * with a documented status on the GO layer); a forged realtime token closed with 1008 before any data; and
 * no secret in any answer.
 */
public final class Oracle {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DocumentedErrors documented;
    private final SecretRegistry secrets;

    public Oracle(DocumentedErrors documented, SecretRegistry secrets) {
        this.documented = documented;
        this.secrets = secrets;
    }

    /** The verdict and, for an error answer, its {@code status code} label for the report. */
    public record Judgement(Verdict verdict, String answer) {
    }

    public Judgement judge(HostileRequest request, RawResponse response) {
        if (!response.answered()) {
            return new Judgement(request.transport() ? Verdict.OK_TRANSPORT_REFUSAL : Verdict.FAIL_NO_ANSWER,
                    "no answer (" + response.noAnswer() + ")");
        }
        int status = response.status();
        String code = code(response);
        String label = status + (code == null ? "" : " " + code);
        if (!secrets.findIn(response.bodyText()).isEmpty()) {
            return new Judgement(Verdict.FAIL_SECRET_IN_ANSWER, label + " carrying " + secrets.findIn(response.bodyText()));
        }
        if (status >= 500) {
            return new Judgement(Verdict.FAIL_5XX, label);
        }
        if (status == 101) {
            return new Judgement(realtime(response), "101 then close " + response.webSocket().closeCode() + " after "
                    + response.webSocket().dataFrames() + " data frame(s)");
        }
        if (status >= 200 && status < 300) {
            return new Judgement(request.expect() == HostileRequest.Expect.HARMLESS_READ ? Verdict.OK_HARMLESS_READ
                    : Verdict.FAIL_SUCCESS_ON_REFUSED_REQUEST, label);
        }
        return new Judgement(error(request, response, status, code), label);
    }

    private Verdict realtime(RawResponse response) {
        RawResponse.WebSocketOutcome ws = response.webSocket();
        return ws != null && ws.closeCode() == 1008 && ws.dataFrames() == 0 ? Verdict.OK_REALTIME_REFUSED
                : Verdict.FAIL_REALTIME_SESSION_OPENED;
    }

    private Verdict error(HostileRequest request, RawResponse response, int status, String code) {
        if (status < 400) {
            return Verdict.FAIL_UNDOCUMENTED_ANSWER; // redirects and other 1xx/3xx are no documented error
        }
        if (request.raw().method().equals("HEAD")) {
            // A HEAD answer has no body to check: its status must be one an error of the API (or, for a request
            // that breaks HTTP, of the HTTP server) is documented with.
            if (documented.documentsStatus(status)) {
                return Verdict.OK_DOCUMENTED_ERROR;
            }
            return request.transport() && documented.transportStatuses().contains(status) ? Verdict.OK_TRANSPORT_REFUSAL
                    : Verdict.FAIL_UNDOCUMENTED_ANSWER;
        }
        if (code != null && documented.documents(status, code)) {
            return Verdict.OK_DOCUMENTED_ERROR;
        }
        JsonNode body = json(response);
        if (goLayer(request) && body != null && body.path("error").isString()
                && documented.goStatuses().contains(status)) {
            return Verdict.OK_DOCUMENTED_ERROR;
        }
        if (request.transport() && response.body().length == 0 && documented.transportStatuses().contains(status)) {
            return Verdict.OK_TRANSPORT_REFUSAL;
        }
        if (request.route().service() == Service.MEDIA && response.body().length == 0
                && documented.webSocketHandshakeStatuses().contains(status)) {
            return Verdict.OK_DOCUMENTED_ERROR;
        }
        return Verdict.FAIL_UNDOCUMENTED_ANSWER;
    }

    /** The GO layer answers in GO's shape whatever route the request was aimed at, once its prefix matched. */
    private static boolean goLayer(HostileRequest request) {
        return request.route().isGoLayer() || request.raw().targetText().startsWith("/api/layer/evolution-go");
    }

    /** The {@code code} of a Ringline error body, or null. */
    static String code(RawResponse response) {
        JsonNode body = json(response);
        if (body == null || !body.path("error").isString() || !body.path("code").isString()) {
            return null;
        }
        return body.path("code").asString();
    }

    private static JsonNode json(RawResponse response) {
        if (response.body().length == 0 || response.body()[0] != '{') {
            return null;
        }
        try {
            return JSON.readTree(response.body());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
