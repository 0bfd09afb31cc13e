package io.ringline.signaling.call.provider.evogo;

/**
 * WhatsApp JIDs as GO reports them ({@code 5511999999999@s.whatsapp.net}, with an optional
 * {@code :device} suffix) and the E.164 numbers Ringline shows.
 */
final class JidNumbers {

    private static final String USER_SERVER = "@s.whatsapp.net";

    private JidNumbers() {
    }

    /** True for a JID that names a phone number (not a group, broadcast or LID). */
    static boolean isPhoneJid(String jid) {
        return jid != null && jid.endsWith(USER_SERVER) && !user(jid).isEmpty();
    }

    /** {@code 5511999999999:3@s.whatsapp.net} → {@code +5511999999999}. */
    static String toE164(String jid) {
        return "+" + user(jid);
    }

    static String toJid(String e164) {
        return digits(e164) + USER_SERVER;
    }

    /** {@code +55 11 99999-9999} → {@code 5511999999999}: what GO expects as a number. */
    static String digits(String number) {
        return number.replaceAll("[^0-9]", "");
    }

    private static String user(String jid) {
        int at = jid.indexOf('@');
        String user = at < 0 ? jid : jid.substring(0, at);
        int device = user.indexOf(':');
        if (device >= 0) {
            user = user.substring(0, device);
        }
        return digits(user);
    }
}
