package io.ringline.system.abuse.state;

/** One table at one moment: how many rows and a checksum of all of them (independent of row order). */
public record TableState(String table, long rows, String checksum) {
}
