package io.ringline.sandbox.sink;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the sink answers requests under {@code /sandbox/webhook-sink{path}}: with {@code status} after
 * {@code delayMs}, for the next {@code times} requests (null = until changed). {@code path} null or empty means
 * every path; the longest matching path wins.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SinkBehaviour(String path, Integer status, Long delayMs, Integer times) {
}
