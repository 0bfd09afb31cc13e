package io.ringline.system.abuse.gen;

import java.nio.charset.StandardCharsets;

/** Percent-encoding for one path segment or query value: everything but RFC 3986's unreserved characters. */
public final class PathEncoding {

    private PathEncoding() {
    }

    public static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** A segment that is safe to put in a path: never {@code .} or {@code ..}, whose meaning is "move". */
    public static String segment(String value) {
        String encoded = encode(value);
        return encoded.equals(".") || encoded.equals("..") || encoded.isEmpty() ? "%2E" + encoded + "x" : encoded;
    }
}
