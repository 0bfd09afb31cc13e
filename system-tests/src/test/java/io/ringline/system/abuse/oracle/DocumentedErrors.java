package io.ringline.system.abuse.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The error answers the public API documents, read from {@code docs/api.md} (so documenting a new error is
 * all it takes for the campaign to accept it): the status+code pairs of the errors table, the statuses of
 * the Evolution GO layer's {@code {error}} answers, the statuses the HTTP server itself may answer, without a
 * body, to a request it cannot parse, and the bodiless refusals of the realtime WebSocket handshake.
 */
public record DocumentedErrors(Set<String> pairs, Set<Integer> goStatuses, Set<Integer> transportStatuses,
        Set<Integer> webSocketHandshakeStatuses) {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\|\\s*([0-9][0-9/ ]*)\\s*\\|([^|]*)\\|");
    private static final Pattern CODE = Pattern.compile("`([A-Z][A-Z0-9_]+)`");
    private static final Pattern STATUS = Pattern.compile("`(\\d{3})`");

    public static DocumentedErrors from(Path apiMarkdown) {
        List<String> lines;
        try {
            lines = Files.readAllLines(apiMarkdown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + apiMarkdown, e);
        }
        Set<String> pairs = new TreeSet<>();
        for (String line : lines) {
            Matcher row = TABLE_ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            List<Integer> statuses = new ArrayList<>();
            for (String s : row.group(1).split("/")) {
                statuses.add(Integer.parseInt(s.trim()));
            }
            List<String> codes = new ArrayList<>();
            Matcher code = CODE.matcher(row.group(2));
            while (code.find()) {
                codes.add(code.group(1));
            }
            if (statuses.size() > 1 && statuses.size() == codes.size()) {
                for (int i = 0; i < codes.size(); i++) {
                    pairs.add(statuses.get(i) + " " + codes.get(i));
                }
            } else {
                statuses.forEach(s -> codes.forEach(c -> pairs.add(s + " " + c)));
            }
        }
        return new DocumentedErrors(Set.copyOf(pairs), statusesOfParagraph(lines, "GO-shaped"),
                statusesOfParagraph(lines, "before any application code"),
                statusesOfParagraph(lines, "WebSocket handshake the protocol itself refuses"));
    }

    /** The backticked statuses of the paragraph that contains {@code marker}. */
    private static Set<Integer> statusesOfParagraph(List<String> lines, String marker) {
        Set<Integer> statuses = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).contains(marker)) {
                continue;
            }
            int start = i;
            while (start > 0 && !lines.get(start - 1).isBlank()) {
                start--;
            }
            for (int j = start; j < lines.size() && !lines.get(j).isBlank(); j++) {
                Matcher m = STATUS.matcher(lines.get(j));
                while (m.find()) {
                    statuses.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        return Set.copyOf(statuses);
    }

    public boolean documents(int status, String code) {
        return pairs.contains(status + " " + code);
    }

    public boolean documentsStatus(int status) {
        return pairs.stream().anyMatch(p -> p.startsWith(status + " "));
    }

    /** Finds {@code docs/api.md} from the working directory up (tests run in a module directory). */
    public static Path locateApiDoc() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/api.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/api.md not found above " + Path.of("").toAbsolutePath());
    }
}
