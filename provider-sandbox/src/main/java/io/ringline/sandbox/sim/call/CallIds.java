package io.ringline.sandbox.sim.call;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Provider-shaped identifiers: GO call ids (32 upper-case hex), Meta {@code wacid.…} and {@code wamid.…}. */
public final class CallIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private CallIds() {
    }

    public static String goCallId() {
        return HEX.formatHex(randomBytes(16));
    }

    public static String wacid() {
        return "wacid." + BASE64.encodeToString(randomBytes(24));
    }

    public static String wamid() {
        return "wamid." + BASE64.encodeToString(randomBytes(24));
    }

    public static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
