package io.ringline.fanout.delivery;

/** How an attempt's outcome moves a delivery on (SPEC §4). The table is {@link #of}; tested row by row. */
public enum AttemptVerdict {
    /** Any 2xx. */
    SUCCESS,
    /** 410 Gone: the receiver asks us to stop; the endpoint is disabled. */
    GONE,
    /** Anything else, including no response at all: retry on the schedule. */
    RETRY;

    public static AttemptVerdict of(Integer statusCode) {
        if (statusCode == null) {
            return RETRY;
        }
        if (statusCode >= 200 && statusCode < 300) {
            return SUCCESS;
        }
        return statusCode == 410 ? GONE : RETRY;
    }

    /** Only 429 and 503 carry a Retry-After we honour; elsewhere the header has no agreed meaning. */
    public static boolean honoursRetryAfter(Integer statusCode) {
        return statusCode != null && (statusCode == 429 || statusCode == 503);
    }
}
