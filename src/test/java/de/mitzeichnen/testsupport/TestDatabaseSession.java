package de.mitzeichnen.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the test database and the test SMTP server once per test JVM, before any test class
 * creates an application context (both publish their coordinates as system properties).
 */
public class TestDatabaseSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TestDatabase.start();
        TestSmtp.startOnce();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestSmtp.shutdown();
        TestDatabase.stop();
    }
}
