package io.ringline.sandbox.support;

import java.util.concurrent.ThreadLocalRandom;

/** Fresh phone numbers so tests sharing one sandbox never meet each other's users or numbers. */
public final class TestPhones {

    private TestPhones() {
    }

    public static String random() {
        return "5511" + (900_000_000L + ThreadLocalRandom.current().nextLong(99_999_999L));
    }
}
