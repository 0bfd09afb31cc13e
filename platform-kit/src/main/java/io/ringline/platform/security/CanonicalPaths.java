package io.ringline.platform.security;

/**
 * What a request path may look like on a Ringline service: printable ASCII, no {@code ;}, no backslash, no empty
 * or dot segments, and percent-escapes only for reserved characters that are neither path syntax nor
 * unreserved. Anything else has two readings (the raw one security would match and the decoded or
 * normalised one a router or a proxy would use), which is how {@code /admin;x/…} and {@code /%61dmin/…}
 * slipped past prefix checks.
 */
final class CanonicalPaths {

    /** Longer request targets are refused: none of our routes comes close. */
    static final int MAX_LENGTH = 2048;

    private static final String SUB_DELIMS_AND_PCHAR = "!$&'()*+,=:@";

    private CanonicalPaths() {
    }

    /** Why the raw path is not canonical, or null when it is. Never echoes the path. */
    static String problem(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return null;
        }
        if (rawPath.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                if (i + 2 >= rawPath.length() || hex(rawPath.charAt(i + 1)) < 0 || hex(rawPath.charAt(i + 2)) < 0) {
                    return "a malformed percent-escape";
                }
                int decoded = hex(rawPath.charAt(i + 1)) * 16 + hex(rawPath.charAt(i + 2));
                if (decoded < 0x21 || decoded > 0x7E) {
                    return "a percent-escaped control, space or non-ASCII character";
                }
                if (unreserved((char) decoded)) {
                    return "a percent-escaped unreserved character (it must be sent as itself)";
                }
                if (decoded == '/' || decoded == '\\' || decoded == '%' || decoded == ';') {
                    return "a percent-escaped path delimiter";
                }
                i += 2;
            } else if (!unreserved(c) && c != '/' && SUB_DELIMS_AND_PCHAR.indexOf(c) < 0) {
                return "a character outside the path alphabet (such as a semicolon, a backslash, a space or non-ASCII)";
            }
        }
        if (rawPath.contains("//")) {
            return "an empty segment ('//')";
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "a dot segment ('.' or '..')";
            }
        }
        return null;
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
