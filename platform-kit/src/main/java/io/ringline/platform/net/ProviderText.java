package io.ringline.platform.net;

/**
 * The only way text from a tenant-named server (a provider's error message or answer body) reaches a
 * tenant: cut to {@link #MAX_CHARS} characters, control characters replaced by spaces. Connection failures
 * never come through here: they carry no text to the tenant at all (see docs/security.md "Outbound requests").
 */
public final class ProviderText {

    /** Characters of provider-supplied text a tenant may see per field. */
    public static final int MAX_CHARS = 200;

    private ProviderText() {
    }

    /** Null stays null; anything else is capped and cleaned. */
    public static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        int end = Math.min(text.length(), MAX_CHARS);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut a character in half
        }
        String cut = text.substring(0, end);
        StringBuilder clean = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return clean.toString();
    }
}
