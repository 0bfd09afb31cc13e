package io.ringline.testsupport.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What one test JVM shares across its test classes (a whole assembled platform, say), closed newest first when the
 * test run ends ({@link RunScopedClose}, a JUnit launcher-session listener) instead of by a JVM exit hook. At JVM
 * exit every hook runs at once: the embedded broker's and database's own hooks stopped them while the platform's
 * services were still stopping, a service's Kafka consumer then waited out the client's 60-s API timeout to commit
 * to a coordinator that was gone, and Surefire killed the fork after 30 s — every run, in two modules. A JVM hook
 * stays as the fallback for a runner that never ends a launcher session.
 */
public final class RunScoped {

    private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();
    private static boolean hooked;

    private RunScoped() {
    }

    /** Registers {@code resource} to be closed when the test run ends; returns it. */
    public static synchronized <T extends AutoCloseable> T closeAtEnd(T resource) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(RunScoped::closeAll, "run-scoped-close"));
            hooked = true;
        }
        OPEN.push(resource);
        return resource;
    }

    /** Closes every registered resource, newest first; one that fails to close does not keep the others open. */
    static synchronized void closeAll() {
        while (!OPEN.isEmpty()) {
            AutoCloseable resource = OPEN.pop();
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("could not close " + resource + " at the end of the test run: " + e);
            }
        }
    }
}
