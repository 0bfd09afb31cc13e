package io.ringline.system.abuse;

import io.ringline.system.abuse.logs.SecretScan;
import io.ringline.system.abuse.oracle.Verdict;
import io.ringline.system.abuse.run.Tally;
import io.ringline.system.abuse.state.StateDiff;
import java.time.Duration;
import java.util.List;

/**
 * Everything one campaign measured: the tally of the main run and of the rate-limit slice, the state
 * difference, and the secrets found in the logs. {@link #clean} is the campaign's pass/fail.
 */
record CampaignResult(CampaignSettings settings, Tally tally, Duration wallTime, RateLimitSlice.Result slice,
        StateDiff state, int tablesCompared, List<SecretScan.Finding> secretsInLogs, int secretsSearched,
        long logLines, String report) {

    long fiveHundreds() {
        return tally.count(Verdict.FAIL_5XX);
    }

    long undocumented() {
        return tally.count(Verdict.FAIL_UNDOCUMENTED_ANSWER);
    }

    long successesOnRefused() {
        return tally.count(Verdict.FAIL_SUCCESS_ON_REFUSED_REQUEST);
    }

    boolean clean() {
        return tally.failures() == 0 && state.changes().isEmpty() && secretsInLogs.isEmpty()
                && slice.rateLimited() > 0 && slice.withoutRetryAfter() == 0;
    }
}
