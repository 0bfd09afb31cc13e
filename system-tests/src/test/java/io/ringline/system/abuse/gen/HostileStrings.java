package io.ringline.system.abuse.gen;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The corpus of hostile text: unicode edge cases and injection strings, each with the name the report
 * counts it under. Raw byte sequences that are not valid UTF-8 (they cannot live in a Java string) are in
 * {@link #INVALID_UTF8}. Every address in here is loopback or unresolvable without DNS: the campaign never
 * makes the platform reach outside 127.0.0.0/8.
 */
public final class HostileStrings {

    /** A hostile text and its name. */
    public record Sample(String name, String text) {
    }

    /** Bytes that are not valid UTF-8. */
    public record RawSample(String name, byte[] bytes) {
    }

    public static final List<Sample> UNICODE = List.of(
            new Sample("nul", "a\u0000b"),
            new Sample("control-chars", "\u0001\u0007\u001b[31m\u007f"),
            new Sample("rtl-override", "\u202egnp.exe\u202c"),
            new Sample("rtl-arabic", "مرحبا \u200f+5511"),
            new Sample("combining-marks", "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359\u035a\u035b" + "e\u0301".repeat(200)),
            new Sample("zero-width", "a\u200b\u200c\u200d\ufeffb"),
            new Sample("bom", "\ufeff"),
            new Sample("line-separators", "a\u2028b\u2029c\u0085d"),
            new Sample("fullwidth", "＋５５１１９８８８８７７７７"),
            new Sample("arabic-digits", "+٥٥١١٩٨٨٨٨٧٧٧٧"),
            new Sample("astral-emoji", "\uD83D\uDE00\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67"),
            new Sample("noncharacters", "\uFFFE\uFFFF\uFDD0"),
            new Sample("homoglyph", "аdmin rl_ѕecret"),
            new Sample("normalisation", "\u212B\u0041\u030A\u00C5"),
            new Sample("huge-codepoint-run", "\uD800\uDC00".repeat(3000)),
            new Sample("private-use", "\uE000\uF8FF"));

    public static final List<Sample> INJECTION = List.of(
            new Sample("sql-tautology", "' OR '1'='1"),
            new Sample("sql-comment", "admin'--"),
            new Sample("sql-stacked", "x'; DROP TABLE gateway.tenants; --"),
            new Sample("sql-union", "' UNION SELECT key_hash, null FROM gateway.api_keys --"),
            new Sample("sql-pg-sleep", "1; SELECT pg_sleep(10)--"),
            new Sample("sql-like-wildcards", "%_%"),
            new Sample("json-breakout", "\",\"tenantId\":\"ten_other\",\"x\":\""),
            new Sample("json-nested", "{\"$ne\":null}"),
            new Sample("crlf-header", "x\r\nSet-Cookie: pwned=1\r\nX-Injected: 1"),
            new Sample("crlf-log", "ok\n2026-01-01 ERROR forged log line"),
            new Sample("path-traversal", "../../../../etc/passwd"),
            new Sample("path-traversal-encoded", "..%2f..%2f..%2finternal%2flive-calls"),
            new Sample("windows-traversal", "..\\..\\windows\\win.ini"),
            new Sample("file-url", "file:///etc/passwd"),
            new Sample("jndi", "${jndi:ldap://127.0.0.1:1/a}"),
            new Sample("jndi-nested", "${${lower:j}ndi:${lower:l}dap://127.0.0.1:1/x}"),
            new Sample("spring-el", "#{T(java.lang.Runtime).getRuntime().exec('id')}"),
            new Sample("property-placeholder", "${ringline.crypto.key}${RINGLINE_INTERNAL_TOKEN}"),
            new Sample("template", "{{7*7}}${7*7}<%= 7*7 %>"),
            new Sample("format-string", "%s%s%s%n%x%p"),
            new Sample("log-pattern", "%d{HH:mm} %X{secret} %ex"),
            new Sample("xss", "<script>alert(1)</script><img src=x onerror=alert(1)>"),
            new Sample("shell", "$(id);`id`|id&&id"),
            new Sample("ldap", "*)(uid=*))(|(uid=*"),
            new Sample("xml-entity", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"),
            new Sample("ssrf-loopback", "http://127.0.0.1:1/"),
            new Sample("ssrf-ipv6-loopback", "http://[::1]:1/"),
            new Sample("ssrf-mapped", "http://[::ffff:127.0.0.1]:1/"),
            new Sample("gopher", "gopher://127.0.0.1:1/_x"),
            new Sample("url-userinfo", "http://user:pass@127.0.0.1:1@127.0.0.2:1/"),
            new Sample("huge-number-text", "9".repeat(400)),
            new Sample("api-key-shape", "rl_" + "A".repeat(43)),
            new Sample("call-id-shape", "call_01JZZZZZZZZZZZZZZZZZZZZZZZ"),
            new Sample("regex-dos", "a".repeat(5000) + "!"));

    public static final List<RawSample> INVALID_UTF8 = List.of(
            new RawSample("overlong-slash", new byte[] {(byte) 0xC0, (byte) 0xAF}),
            new RawSample("overlong-dot", new byte[] {(byte) 0xC0, (byte) 0xAE}),
            new RawSample("overlong-3byte", new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}),
            new RawSample("encoded-surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
            new RawSample("five-byte", new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}),
            new RawSample("stray-continuation", new byte[] {(byte) 0x80, (byte) 0xBF}),
            new RawSample("ff-byte", new byte[] {(byte) 0xFF, (byte) 0xFE}),
            new RawSample("truncated-sequence", new byte[] {(byte) 0xE2, (byte) 0x82}),
            new RawSample("latin1", new byte[] {'c', 'a', 'f', (byte) 0xE9}));

    /** JSON escapes Java cannot hold as text safely: they are written into bodies as these exact characters. */
    public static final List<Sample> JSON_ESCAPES = List.of(
            new Sample("lone-high-surrogate", "\\ud800"),
            new Sample("lone-low-surrogate", "\\udc00"),
            new Sample("reversed-surrogates", "\\udc00\\ud800"),
            new Sample("escaped-nul", "a\\u0000b"),
            new Sample("bad-escape", "\\x41"),
            new Sample("truncated-escape", "\\u12"));

    private HostileStrings() {
    }

    public static Sample any(SplittableRandom random) {
        int n = random.nextInt(UNICODE.size() + INJECTION.size());
        return n < UNICODE.size() ? UNICODE.get(n) : INJECTION.get(n - UNICODE.size());
    }

    public static <T> T pick(List<T> list, SplittableRandom random) {
        return list.get(random.nextInt(list.size()));
    }
}
