package io.ringline.sandbox.sim;

import java.util.Optional;
import java.util.regex.Pattern;

/** WhatsApp phone numbers as the simulator keys them: E.164 digits without '+'. */
public final class Phones {

    private static final Pattern DIGITS = Pattern.compile("\\d{8,15}");
    private static final String JID_SUFFIX = "@s.whatsapp.net";

    private Phones() {
    }

    /**
     * Accepts E.164 with or without '+', and WhatsApp JIDs ({@code <digits>@s.whatsapp.net}) because Evolution GO
     * clients send either; anything else is not a phone.
     */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.strip();
        if (value.endsWith(JID_SUFFIX)) {
            value = value.substring(0, value.length() - JID_SUFFIX.length());
        }
        if (value.startsWith("+")) {
            value = value.substring(1);
        }
        return DIGITS.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }

    public static String require(String raw, String field) {
        return normalize(raw).orElseThrow(() -> new IllegalArgumentException(
                field + " must be a phone number in E.164 (8-15 digits, optional '+')"));
    }

    public static String jid(String digits) {
        return digits + JID_SUFFIX;
    }
}
