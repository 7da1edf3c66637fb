package de.mitzeichnen.testsupport;

import java.io.File;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium and chromedriver for the browser tests. In CI ({@code CI=true}, which {@code
 * .ci/run} sets after installing them) a missing browser fails the tests; on a developer's machine
 * they are skipped with a message.
 */
public final class Chromium {

    public static final File BINARY = new File("/usr/bin/chromium");
    public static final File DRIVER = new File("/usr/bin/chromedriver");

    static final String INSTALL = "apt-get install -y chromium chromium-driver";

    private Chromium() {}

    /**
     * Call first in a browser test: returns when Chromium is there, else fails (CI) or skips
     * (elsewhere).
     */
    public static void require() {
        String problem =
                problem(isCi(System.getenv("CI")), BINARY.canExecute(), DRIVER.canExecute());
        if (problem == null) {
            return;
        }
        if (isCi(System.getenv("CI"))) {
            throw new AssertionError(problem);
        }
        Assumptions.abort(problem);
    }

    static boolean isCi(String ciVariable) {
        return ciVariable != null
                && (ciVariable.equalsIgnoreCase("true") || ciVariable.equals("1"));
    }

    /** What is wrong, or null when the browser tests can run. */
    static String problem(boolean ci, boolean browser, boolean driver) {
        if (browser && driver) {
            return null;
        }
        String missing =
                !browser && !driver
                        ? BINARY + " and " + DRIVER
                        : !browser ? BINARY.toString() : DRIVER.toString();
        return ci
                ? "CI=true but "
                        + missing
                        + " is missing: the browser tests must run in CI ("
                        + INSTALL
                        + ")"
                : "Browser test skipped: "
                        + missing
                        + " is missing on this machine ("
                        + INSTALL
                        + "); CI fails instead";
    }
}
