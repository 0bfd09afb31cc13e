package io.ringline.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two modules have a main class of the same simple name (docs/architecture.md, "Types that say what they hold"):
 * a class is named for its role in its module, so a stack trace, a log line or a search names one thing. Read from
 * the sources of every module of the repository (dev-stack's parent directory).
 */
class UniqueClassNamesTest {

    @Test
    void everyMainClassHasASimpleNameNoOtherModuleUses() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        Map<String, List<String>> modulesByName;
        try (Stream<Path> files = Files.walk(root, 12)) {
            modulesByName = files
                    .filter(p -> p.toString().endsWith(".java") && !p.getFileName().toString().equals("package-info.java"))
                    .map(root::relativize)
                    .filter(p -> p.getNameCount() > 4 && p.subpath(1, 4).equals(Path.of("src", "main", "java")))
                    .collect(Collectors.groupingBy(p -> p.getFileName().toString(), TreeMap::new,
                            Collectors.mapping(p -> p.getName(0).toString(), Collectors.toList())));
        }
        assertThat(modulesByName).as("main classes found").hasSizeGreaterThan(300);

        Map<String, List<String>> shared = new TreeMap<>();
        modulesByName.forEach((name, modules) -> {
            if (modules.stream().distinct().count() > 1) {
                shared.put(name, modules);
            }
        });
        assertThat(shared).as("simple names used by main classes of more than one module").isEmpty();
    }
}
