package io.ringline.signaling.call.web;

import java.util.List;

/** {@code {calls:[Call]}}, newest first. */
record CallListJson(List<CallJson> calls) {
}
