package io.ringline.system.abuse.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Ways of writing a path that a lenient router might take for the route while a prefix check does not
 * (the {@code /admin;x/tenants} family), plus traversals from public prefixes into protected ones.
 * Each returns the raw request target; none is normalised.
 */
public final class PathVariants {

    /** A named rewrite of a path. */
    public record Variant(String name, UnaryOperator<String> apply) {
    }

    public static final List<Variant> ALL = List.of(
            new Variant("matrix-param-first-segment", p -> insertAfterSegment(p, 0, ";x")),
            new Variant("matrix-param-last-segment", p -> p + ";x"),
            new Variant("matrix-param-jsessionid", p -> insertAfterSegment(p, 0, ";jsessionid=ABC")),
            new Variant("bare-semicolon", p -> insertAfterSegment(p, 0, ";")),
            new Variant("encoded-semicolon", p -> insertAfterSegment(p, 0, "%3Bx")),
            new Variant("encoded-first-letter", PathVariants::encodeFirstLetter),
            new Variant("encoded-whole-segment", PathVariants::encodeFirstSegment),
            new Variant("encoded-slash", p -> replaceSlash(p, 1, "%2f")),
            new Variant("encoded-slash-upper", p -> replaceSlash(p, 1, "%2F")),
            new Variant("double-encoded-slash", p -> replaceSlash(p, 1, "%252f")),
            new Variant("double-encoded-letter", p -> "/%25" + hex(p.charAt(1)) + p.substring(2)),
            new Variant("encoded-dot-segment", p -> "/x/%2e%2e" + p),
            new Variant("encoded-dot-segment-upper", p -> "/x/%2E%2E" + p),
            new Variant("half-encoded-dot-segment", p -> "/x/.%2e" + p),
            new Variant("encoded-single-dot", p -> "/%2e" + p),
            new Variant("double-slash-leading", p -> "/" + p),
            new Variant("double-slash-inner", p -> replaceSlash(p, 1, "//")),
            new Variant("double-slash-trailing", p -> p + "//"),
            new Variant("dot-segment", p -> "/." + p),
            new Variant("dot-segment-inner", p -> replaceSlash(p, 1, "/./")),
            new Variant("dot-dot-segment", p -> "/x/.." + p),
            new Variant("dot-dot-inner", p -> insertAfterSegment(p, 0, "/x/..")),
            new Variant("dot-dot-beyond-root", p -> "/../.." + p),
            new Variant("backslash", p -> replaceSlash(p, 1, "\\")),
            new Variant("backslash-leading", p -> "\\" + p.substring(1)),
            new Variant("encoded-backslash", p -> replaceSlash(p, 1, "%5c")),
            new Variant("backslash-dot-dot", p -> "/x\\..\\" + p.substring(1)),
            new Variant("overlong-utf8-slash", p -> replaceSlash(p, 1, "%c0%af")),
            new Variant("overlong-utf8-dot-dot", p -> "/x/%c0%ae%c0%ae" + p),
            new Variant("iis-unicode-slash", p -> replaceSlash(p, 1, "%u002f")),
            new Variant("fullwidth-slash-raw", p -> replaceSlash(p, 1, "\uFF0F")),
            new Variant("fullwidth-slash-encoded", p -> replaceSlash(p, 1, "%EF%BC%8F")),
            new Variant("cyrillic-lookalike", p -> p.replaceFirst("a", "\u0430")),
            new Variant("cyrillic-lookalike-encoded", p -> p.replaceFirst("a", "%D0%B0")),
            new Variant("fullwidth-letters", PathVariants::fullwidthFirstSegment),
            new Variant("upper-case", p -> p.toUpperCase(Locale.ROOT)),
            new Variant("first-segment-upper-case", PathVariants::upperFirstSegment),
            new Variant("trailing-slash", p -> p + "/"),
            new Variant("trailing-dot", p -> p + "."),
            new Variant("trailing-encoded-space", p -> p + "%20"),
            new Variant("trailing-encoded-nul", p -> p + "%00"),
            new Variant("trailing-raw-tab", p -> p + "\t"),
            new Variant("encoded-newline", p -> p + "%0d%0aX-Injected:%201"),
            new Variant("extension", p -> p + ".json"),
            new Variant("fragment", p -> p + "#x"),
            new Variant("empty-query", p -> p + "?"),
            new Variant("query-looking-path", p -> p + "%3Fx=1"),
            new Variant("absolute-form", p -> "http://127.0.0.1:1" + p),
            new Variant("absolute-form-other-host", p -> "http://ringline.invalid" + p),
            new Variant("overlong-path", p -> p + "/" + "a".repeat(9000)),
            new Variant("overlong-segment-count", p -> p + "/x".repeat(2500)),
            new Variant("no-leading-slash", p -> p.substring(1)),
            new Variant("asterisk", p -> "*"));

    /** Paths from a public or unprotected prefix that, normalised, land on {@code protectedPath}. */
    public static List<Variant> traversalsInto() {
        List<Variant> list = new ArrayList<>();
        for (String from : List.of("/openapi.json", "/webhooks/meta", "/webhooks/evolution-go", "/actuator/health",
                "/api/layer/evolution-go/call", "/v1/realtime")) {
            String slug = from.replaceAll("[^a-z]+", "-").replaceAll("^-|-$", "");
            int depth = (int) from.chars().filter(c -> c == '/').count();
            list.add(new Variant("traversal-from-" + slug, p -> from + "/..".repeat(depth) + p));
            list.add(new Variant("encoded-traversal-from-" + slug, p -> from + "/%2e%2e".repeat(depth) + p));
            list.add(new Variant("encoded-slash-traversal-from-" + slug, p -> from + "%2f..".repeat(depth) + p));
        }
        return list;
    }

    public static Variant any(SplittableRandom random) {
        return ALL.get(random.nextInt(ALL.size()));
    }

    private static String insertAfterSegment(String path, int index, String insert) {
        int slash = nthSlash(path, index + 1);
        return slash < 0 ? path + insert : path.substring(0, slash) + insert + path.substring(slash);
    }

    private static String replaceSlash(String path, int index, String with) {
        int slash = nthSlash(path, index);
        return slash < 0 ? path + with + "x" : path.substring(0, slash) + with + path.substring(slash + 1);
    }

    /** Position of the n-th '/' (0 = the leading one), or -1. */
    private static int nthSlash(String path, int n) {
        int at = -1;
        for (int i = 0; i <= n; i++) {
            at = path.indexOf('/', at + 1);
            if (at < 0) {
                return -1;
            }
        }
        return at;
    }

    private static String encodeFirstLetter(String p) {
        for (int i = 1; i < p.length(); i++) {
            char c = p.charAt(i);
            if (Character.isLetter(c)) {
                return p.substring(0, i) + "%" + hex(c) + p.substring(i + 1);
            }
        }
        return p;
    }

    private static String encodeFirstSegment(String p) {
        int end = nthSlash(p, 1);
        String segment = end < 0 ? p.substring(1) : p.substring(1, end);
        StringBuilder out = new StringBuilder("/");
        segment.chars().forEach(c -> out.append('%').append(hex((char) c)));
        return out + (end < 0 ? "" : p.substring(end));
    }

    private static String fullwidthFirstSegment(String p) {
        int end = nthSlash(p, 1);
        String segment = end < 0 ? p.substring(1) : p.substring(1, end);
        StringBuilder out = new StringBuilder("/");
        segment.chars().forEach(c -> out.append(c >= '!' && c <= '~' ? (char) (c - '!' + '\uFF01') : (char) c));
        return out + (end < 0 ? "" : p.substring(end));
    }

    private static String upperFirstSegment(String p) {
        int end = nthSlash(p, 1);
        return end < 0 ? p.toUpperCase(Locale.ROOT)
                : p.substring(0, end).toUpperCase(Locale.ROOT) + p.substring(end);
    }

    private static String hex(char c) {
        return String.format("%02X", (int) c);
    }
}
