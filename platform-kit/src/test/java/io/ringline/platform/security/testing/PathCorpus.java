package io.ringline.platform.security.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Non-canonical spellings of one canonical path, the ways a path trick tries to get a request routed to a
 * handler while security reads something else: {@code ;} parameters, percent-encoded delimiters, dots and
 * unreserved letters, double encoding, empty and dot segments, trailing slash, case, overlong paths, unicode
 * look-alikes, control characters, backslashes, {@code ..;/} and friends. None of them may reach a handler.
 */
public final class PathCorpus {

    /** How the platform must treat a variant. */
    public enum Expect {
        /** Refused by the firewall: {@code 400} with {@code {"code":"INVALID_PATH"}}. */
        INVALID_PATH,
        /** Refused before any application code (the HTTP server cannot parse it): any 4xx, or the connection closed. */
        UNPARSEABLE,
        /** A canonical path that is simply not the route (trailing slash, other case): refused or not found. */
        OTHER_PATH
    }

    public record Variant(String name, String target, Expect expect) {
        @Override
        public String toString() {
            return name + " " + printable(target);
        }
    }

    private PathCorpus() {
    }

    /** 59 variants of {@code path} (which must have at least two segments, e.g. {@code /admin/tenants}). */
    public static List<Variant> of(String path) {
        String[] segments = path.substring(1).split("/", 2);
        if (segments.length < 2) {
            throw new IllegalArgumentException("need a path with two segments: " + path);
        }
        String first = segments[0];
        String rest = segments[1];
        String long3000 = "a".repeat(3000);
        List<Variant> v = new ArrayList<>();
        // ; path parameters, raw and encoded
        v.add(new Variant("semicolon-param", "/" + first + ";x/" + rest, Expect.INVALID_PATH));
        v.add(new Variant("semicolon-empty", "/" + first + ";/" + rest, Expect.INVALID_PATH));
        v.add(new Variant("semicolon-last", path + ";x", Expect.INVALID_PATH));
        v.add(new Variant("semicolon-jsessionid", path + ";jsessionid=0", Expect.INVALID_PATH));
        v.add(new Variant("semicolon-leading", "/;x" + path, Expect.INVALID_PATH));
        v.add(new Variant("semicolon-encoded", "/" + first + "%3bx/" + rest, Expect.INVALID_PATH));
        v.add(new Variant("semicolon-encoded-upper", path + "%3B", Expect.INVALID_PATH));
        v.add(new Variant("dotdot-semicolon", "/x/..;" + path, Expect.INVALID_PATH));
        v.add(new Variant("dotdot-semicolon-twice", path + "/..;/..;" + path, Expect.INVALID_PATH));
        // percent-encoded unreserved characters (decoding would turn them into the route)
        v.add(new Variant("encoded-first-letter", "/" + pct(first.charAt(0), false) + first.substring(1) + "/" + rest,
                Expect.INVALID_PATH));
        v.add(new Variant("encoded-first-letter-upper-hex", "/" + pct(first.charAt(0), true) + first.substring(1) + "/"
                + rest, Expect.INVALID_PATH));
        v.add(new Variant("encoded-last-letter", "/" + first.substring(0, first.length() - 1)
                + pct(first.charAt(first.length() - 1), false) + "/" + rest, Expect.INVALID_PATH));
        v.add(new Variant("encoded-whole-segment", "/" + pctAll(first) + "/" + rest, Expect.INVALID_PATH));
        v.add(new Variant("encoded-second-segment", "/" + first + "/" + pct(rest.charAt(0), false) + rest.substring(1),
                Expect.INVALID_PATH));
        // double encoding
        v.add(new Variant("double-encoded-letter", "/%25" + hex(first.charAt(0), false) + first.substring(1) + "/" + rest,
                Expect.INVALID_PATH));
        v.add(new Variant("double-encoded-slash", "/" + first + "%252f" + rest, Expect.INVALID_PATH));
        v.add(new Variant("double-encoded-dot", "/%252e%252e" + path, Expect.INVALID_PATH));
        // encoded slash, dot, backslash
        v.add(new Variant("encoded-slash", "/" + first + "%2f" + rest, Expect.INVALID_PATH));
        v.add(new Variant("encoded-slash-upper", "/" + first + "%2F" + rest, Expect.INVALID_PATH));
        v.add(new Variant("encoded-dot-segment", "/%2e" + path, Expect.INVALID_PATH));
        v.add(new Variant("encoded-dotdot", "/x/%2e%2e" + path, Expect.INVALID_PATH));
        v.add(new Variant("encoded-dotdot-upper", "/x/%2E%2E" + path, Expect.INVALID_PATH));
        v.add(new Variant("dotdot-encoded-slash", "/x/..%2f" + path.substring(1), Expect.INVALID_PATH));
        v.add(new Variant("encoded-backslash", "/" + first + "%5c" + rest, Expect.INVALID_PATH));
        v.add(new Variant("encoded-backslash-dotdot", "/x%5c..%5c" + path.substring(1), Expect.INVALID_PATH));
        // empty and dot segments
        v.add(new Variant("double-slash-leading", "/" + path, Expect.INVALID_PATH));
        v.add(new Variant("double-slash-inner", "/" + first + "//" + rest, Expect.INVALID_PATH));
        v.add(new Variant("double-slash-trailing", path + "//", Expect.INVALID_PATH));
        v.add(new Variant("dot-leading", "/." + path, Expect.INVALID_PATH));
        v.add(new Variant("dot-inner", "/" + first + "/./" + rest, Expect.INVALID_PATH));
        v.add(new Variant("dot-trailing", path + "/.", Expect.INVALID_PATH));
        v.add(new Variant("dotdot-leading", "/.." + path, Expect.INVALID_PATH));
        v.add(new Variant("dotdot-inner", "/x/.." + path, Expect.INVALID_PATH));
        v.add(new Variant("dotdot-trailing", path + "/x/..", Expect.INVALID_PATH));
        // overlong
        v.add(new Variant("overlong-suffix", path + "/" + long3000, Expect.INVALID_PATH));
        v.add(new Variant("overlong-dotdot", "/" + long3000 + "/.." + path, Expect.INVALID_PATH));
        // unicode look-alikes, percent-encoded (raw ones below)
        v.add(new Variant("fullwidth-solidus-encoded", "/" + first + "%EF%BC%8F" + rest, Expect.INVALID_PATH));
        v.add(new Variant("fullwidth-letter-encoded", "/" + pctUtf8(fullwidth(first.charAt(0))) + first.substring(1) + "/"
                + rest, Expect.INVALID_PATH));
        v.add(new Variant("overlong-utf8-slash", "/" + first + "%c0%af" + rest, Expect.INVALID_PATH));
        v.add(new Variant("line-separator-encoded", "/" + first + "%e2%80%a8/" + rest, Expect.INVALID_PATH));
        v.add(new Variant("high-byte-encoded", path + "%ff", Expect.INVALID_PATH));
        // control characters, encoded
        v.add(new Variant("tab-encoded", "/" + first + "%09/" + rest, Expect.INVALID_PATH));
        v.add(new Variant("newline-encoded", path + "%0a", Expect.INVALID_PATH));
        v.add(new Variant("crlf-encoded", "/" + first + "%0d%0a/" + rest, Expect.INVALID_PATH));
        v.add(new Variant("nul-encoded", "/" + first + "%00/" + rest, Expect.INVALID_PATH));
        v.add(new Variant("space-encoded", path + "%20", Expect.INVALID_PATH));
        // absolute-form request target carrying a trick
        v.add(new Variant("absolute-form-semicolon", "http://127.0.0.1/" + first + ";x/" + rest, Expect.INVALID_PATH));
        // raw bytes a URI cannot hold: refused by the HTTP server itself
        v.add(new Variant("backslash-raw", "/" + first + "\\" + rest, Expect.UNPARSEABLE));
        v.add(new Variant("backslash-raw-leading", "\\" + path.substring(1), Expect.UNPARSEABLE));
        v.add(new Variant("tab-raw", "/" + first + "\t/" + rest, Expect.UNPARSEABLE));
        v.add(new Variant("fullwidth-solidus-raw", "/" + first + "\uFF0F" + rest, Expect.UNPARSEABLE));
        v.add(new Variant("fullwidth-letter-raw", "/" + fullwidth(first.charAt(0)) + first.substring(1) + "/" + rest,
                Expect.UNPARSEABLE));
        v.add(new Variant("cyrillic-letter-raw", "/\u0430" + first.substring(1) + "/" + rest, Expect.UNPARSEABLE));
        v.add(new Variant("percent-malformed", path + "%", Expect.UNPARSEABLE));
        v.add(new Variant("percent-malformed-hex", path + "%zz", Expect.UNPARSEABLE));
        // canonical, but not the route
        v.add(new Variant("trailing-slash", path + "/", Expect.OTHER_PATH));
        v.add(new Variant("upper-case", path.toUpperCase(Locale.ROOT), Expect.OTHER_PATH));
        v.add(new Variant("capitalised-first-segment", "/" + Character.toUpperCase(first.charAt(0)) + first.substring(1)
                + "/" + rest, Expect.OTHER_PATH));
        v.add(new Variant("upper-case-last-segment", "/" + first + "/" + rest.toUpperCase(Locale.ROOT), Expect.OTHER_PATH));
        return v;
    }

    private static String hex(char c, boolean upper) {
        String hex = HexFormat.of().toHexDigits((byte) c);
        return upper ? hex.toUpperCase(Locale.ROOT) : hex;
    }

    private static String pct(char c, boolean upper) {
        return "%" + hex(c, upper);
    }

    private static String pctAll(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(pct((char) c, false)));
        return out.toString();
    }

    private static String pctUtf8(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(HexFormat.of().toHexDigits(b).toUpperCase(Locale.ROOT));
        }
        return out.toString();
    }

    /** The fullwidth form (U+FF01…U+FF5E) of a printable ASCII character, e.g. {@code a} → {@code ａ}. */
    private static String fullwidth(char c) {
        return String.valueOf((char) (c - 0x21 + 0xFF01));
    }

    private static String printable(String target) {
        String shown = target.length() > 80 ? target.substring(0, 60) + "…(" + target.length() + " chars)" : target;
        StringBuilder out = new StringBuilder();
        shown.chars().forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
