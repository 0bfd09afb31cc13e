package io.ringline.system.abuse.state;

import java.util.Map;
import java.util.Set;

/**
 * Every table of every Ringline schema at one moment, plus the row digests of the tables allowed to grow
 * under refused traffic (so their existing rows can still be proven untouched).
 */
public record Snapshot(Map<String, TableState> tables, Map<String, Set<String>> rowDigests) {
}
