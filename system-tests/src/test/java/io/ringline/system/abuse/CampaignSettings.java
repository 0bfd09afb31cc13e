package io.ringline.system.abuse;

/**
 * How big a campaign is: requests of the main run (at least 100,000 for the full campaign; the test suite's
 * short run sends 5,000), requests in flight, the seed that makes every request reproducible, and the
 * requests of the rate-limit slice. Read from system properties {@code abuse.requests}, {@code abuse.concurrency},
 * {@code abuse.seed}, {@code abuse.slice-requests}.
 */
record CampaignSettings(long requests, int concurrency, long seed, int sliceRequests) {

    static CampaignSettings fromSystemProperties() {
        return new CampaignSettings(Long.getLong("abuse.requests", 5_000), Integer.getInteger("abuse.concurrency", 24),
                Long.getLong("abuse.seed", 20261203L), Integer.getInteger("abuse.slice-requests", 300));
    }
}
