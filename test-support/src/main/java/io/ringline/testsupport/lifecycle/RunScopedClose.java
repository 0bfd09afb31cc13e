package io.ringline.testsupport.lifecycle;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Closes the {@link RunScoped} resources when the JUnit launcher session ends — after the last test of the JVM,
 * before it exits (Surefire opens one session per fork). Registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}, so every module that takes
 * test-support has it; with nothing registered it does nothing.
 */
public final class RunScopedClose implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        RunScoped.closeAll();
    }
}
