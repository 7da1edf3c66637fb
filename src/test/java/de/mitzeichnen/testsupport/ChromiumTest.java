package de.mitzeichnen.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Browser tests fail in CI without Chromium, and say why they skip on a developer's machine. */
class ChromiumTest {

    @Test
    void ciIsRecognised() {
        assertTrue(Chromium.isCi("true"));
        assertTrue(Chromium.isCi("TRUE"));
        assertTrue(Chromium.isCi("1"));
        assertFalse(Chromium.isCi(null));
        assertFalse(Chromium.isCi("false"));
    }

    @Test
    void withBrowserAndDriverNothingIsWrong() {
        assertNull(Chromium.problem(true, true, true));
        assertNull(Chromium.problem(false, true, true));
    }

    @Test
    void theMessageSaysWhatIsMissingAndHowToInstallIt() {
        String ci = Chromium.problem(true, false, true);
        assertTrue(ci.startsWith("CI=true but /usr/bin/chromium is missing"), ci);
        assertTrue(ci.contains("apt-get install -y chromium chromium-driver"), ci);
        String dev = Chromium.problem(false, true, false);
        assertTrue(dev.startsWith("Browser test skipped: /usr/bin/chromedriver is missing"), dev);
    }
}
