package io.ringline.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction of a real Spring Boot jar, kept while the jar's content is the same, redone (cache dropped) when not. */
class AotCacheTest {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @Test
    void extractsOnceAndAgainOnlyWhenTheJarChanges(@TempDir Path dir) throws Exception {
        Path home = Path.of("").toAbsolutePath().getParent();
        Path target = Files.createDirectories(dir.resolve("target"));
        Path jar = target.resolve("provider-sandbox-0.1.0-SNAPSHOT-exec.jar");
        Files.copy(ServiceJars.find(home, "provider-sandbox"), jar);

        AotCache first = AotCache.prepare(JAVA, jar);
        assertThat(first.jar()).isRegularFile().startsWith(target.resolve("aot"));
        assertThat(first.trained()).isFalse();
        assertThat(first.trainingOptions()).contains("-XX:AOTCacheOutput=" + first.cache());
        assertThat(first.useOptions()).containsExactly("-XX:AOTCache=" + first.cache());

        Files.writeString(first.cache(), "recorded"); // what a training run leaves
        var extractedAt = Files.getLastModifiedTime(first.jar());
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        AotCache sameContent = AotCache.prepare(JAVA, jar);
        assertThat(sameContent.trained()).isTrue();
        assertThat(Files.getLastModifiedTime(sameContent.jar())).isEqualTo(extractedAt);

        Files.copy(ServiceJars.find(home, "media-bridge-service"), jar, StandardCopyOption.REPLACE_EXISTING);
        AotCache rebuilt = AotCache.prepare(JAVA, jar);
        assertThat(rebuilt.trained()).isFalse();
        assertThat(rebuilt.jar()).isRegularFile();
    }
}
