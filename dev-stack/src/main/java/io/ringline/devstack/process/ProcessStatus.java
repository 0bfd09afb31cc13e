package io.ringline.devstack.process;

import java.nio.file.Path;

/**
 * One supervised process as of now: its current pid (a new one after each restart), its URL, whether its readiness
 * probe has answered since it was (re)started, how often it was restarted, and its log file.
 */
public record ProcessStatus(String name, long pid, String url, boolean ready, int restarts, Path log) {
}
