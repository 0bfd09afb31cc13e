package io.ringline.platform.crypto.reencrypt;

/**
 * What one pass over a sealed column did.
 *
 * @param rewritten  envelopes now sealed with the active key
 * @param changed    rows a service changed between our read and our write (the service's value was kept)
 * @param unreadable envelopes the ring cannot open (unknown key id, altered); left as they are
 * @param remaining  envelopes not sealed with the active key after the pass (0 when the column is done)
 */
public record ColumnReport(String schema, SealedColumn column, long rewritten, long changed, long unreadable,
        long remaining) {

    static ColumnReport empty(String schema, SealedColumn column) {
        return new ColumnReport(schema, column, 0, 0, 0, 0);
    }

    ColumnReport plus(long rewritten, long changed, long unreadable) {
        return new ColumnReport(schema, column, this.rewritten + rewritten, this.changed + changed,
                this.unreadable + unreadable, remaining);
    }

    ColumnReport withRemaining(long remaining) {
        return new ColumnReport(schema, column, rewritten, changed, unreadable, remaining);
    }

    public boolean done() {
        return remaining == 0;
    }

    @Override
    public String toString() {
        return schema + "." + column.name() + ": " + rewritten + " re-encrypted, " + changed + " changed meanwhile, "
                + unreadable + " unreadable, " + remaining + " not yet under the active key";
    }
}
