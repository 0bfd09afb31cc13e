package io.ringline.system.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.system.abuse.oracle.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The abuse campaign against the assembled platform. In {@code ./mvnw verify} it is the short run (5,000
 * requests); {@code ./mvnw -pl system-tests -am -Pabuse verify} is the full run (100,000; {@code -Dabuse.requests}
 * sets another count). Fails when any of the figures that must be 0 is not.
 */
class AbuseCampaignIT {

    @Test
    void hostileRequestsOnEveryPublicRouteAreRefusedWithDocumentedErrorsAndChangeNothingAndLeakNoSecret() throws Exception {
        CampaignSettings settings = CampaignSettings.fromSystemProperties();

        CampaignResult result = AbuseCampaign.run(settings);

        assertThat(result.tally().sent()).as("requests sent").isGreaterThanOrEqualTo(settings.requests());
        assertThat(result.fiveHundreds()).as("5xx answers\n" + result.report()).isZero();
        assertThat(result.state().changes()).as("state changes\n" + result.report()).isEmpty();
        assertThat(result.undocumented()).as("answers that are not a documented error\n" + result.report()).isZero();
        assertThat(result.successesOnRefused()).as("2xx on refused requests\n" + result.report()).isZero();
        assertThat(result.tally().count(Verdict.FAIL_NO_ANSWER)).as("no answer\n" + result.report()).isZero();
        assertThat(result.tally().count(Verdict.FAIL_REALTIME_SESSION_OPENED)).as("realtime sessions").isZero();
        assertThat(result.tally().count(Verdict.FAIL_SECRET_IN_ANSWER)).as("secrets in answers\n" + result.report()).isZero();
        assertThat(result.secretsInLogs()).as("secrets found in logs\n" + result.report()).isEmpty();
        assertThat(result.slice().rateLimited()).as("429s in the rate-limit slice").isPositive();
        assertThat(result.slice().withoutRetryAfter()).as("429s without Retry-After").isZero();
        assertThat(result.clean()).isTrue();
    }
}
