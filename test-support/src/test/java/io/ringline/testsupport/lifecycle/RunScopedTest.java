package io.ringline.testsupport.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSessionListener;

/** Shared resources close when the launcher session ends: newest first, each once, a failing one not in the way. */
class RunScopedTest {

    @Test
    void theSessionsEndClosesWhatWasRegisteredNewestFirstEachOnceAndPastOneThatFails() {
        List<String> closed = new ArrayList<>();
        RunScoped.closeAtEnd(() -> closed.add("platform"));
        RunScoped.closeAtEnd(() -> {
            closed.add("failing");
            throw new IllegalStateException("cannot close");
        });
        AutoCloseable newest = () -> closed.add("client");
        assertThat(RunScoped.closeAtEnd(newest)).isSameAs(newest);

        new RunScopedClose().launcherSessionClosed(null);
        new RunScopedClose().launcherSessionClosed(null);

        assertThat(closed).containsExactly("client", "failing", "platform");
    }

    @Test
    void theListenerIsFoundByTheLauncher() {
        assertThat(ServiceLoader.load(LauncherSessionListener.class).stream().map(ServiceLoader.Provider::type))
                .contains(RunScopedClose.class);
    }
}
