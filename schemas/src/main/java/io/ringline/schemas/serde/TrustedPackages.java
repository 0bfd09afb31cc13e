package io.ringline.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes from packages it was not told to trust. Trusting ours here
 * means no service needs a JVM flag to read its own records.
 */
final class TrustedPackages {

    private static volatile boolean installed;

    private TrustedPackages() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate ours =
                c -> c.getName().startsWith("io.ringline.schemas.");
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours));
        installed = true;
    }
}
