package io.ringline.platform.ids;

import com.github.f4b6a3.ulid.Ulid;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** Prefixed ULIDs (`call_01J…`, `evt_01J…`): sortable by creation time and recognisable by kind. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The last ULID this process made: ids are monotonic within the process, as ulid-creator's monotonic ones. */
    private static final AtomicReference<Ulid> LAST = new AtomicReference<>(new Ulid(0L, new byte[10]));

    private Ids() {
    }

    public static String newId(String prefix) {
        return prefix + "_" + nextMonotonic();
    }

    /** True when {@code id} is {@code prefix_} followed by a well-formed ULID. */
    public static boolean isId(String prefix, String id) {
        if (id == null || !id.startsWith(prefix + "_")) {
            return false;
        }
        String ulid = id.substring(prefix.length() + 1);
        return Ulid.isValid(ulid);
    }

    /** When an id of this kind was made (its ULID's millisecond); null when {@code id} is not one ({@link #isId}). */
    public static Instant createdAt(String prefix, String id) {
        return isId(prefix, id) ? Ulid.from(id.substring(prefix.length() + 1)).getInstant() : null;
    }

    /**
     * A new millisecond gets fresh random bits; within the same millisecond (or if the clock steps back) the last
     * ULID plus one. Lock-free on purpose: ulid-creator's monotonic factory guards the same step with a
     * {@code ReentrantLock}, and ids are made on event loops, where a contended lock parks the loop (BlockHound in
     * the tests caught exactly that with racing number registrations).
     */
    static Ulid nextMonotonic() {
        while (true) {
            Ulid last = LAST.get();
            long now = System.currentTimeMillis();
            Ulid next;
            if (now > last.getTime()) {
                byte[] random = new byte[10];
                RANDOM.nextBytes(random);
                next = new Ulid(now, random);
            } else {
                next = last.increment();
            }
            if (LAST.compareAndSet(last, next)) {
                return next;
            }
        }
    }
}
