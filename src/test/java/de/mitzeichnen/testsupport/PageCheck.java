package de.mitzeichnen.testsupport;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * One page state in the browser, checked as the browser tests check pages: valid HTML (Nu Html
 * Checker), axe-core's WCAG 2.1 A/AA rules at 375 and 1280 px, and a full-length screenshot at each
 * width (target/screenshots/NAME-WIDTH.png); leaves the page at 1280 px.
 */
public final class PageCheck {

    public static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    public static final Path SHOTS = Path.of("target", "screenshots");

    private PageCheck() {}

    public static void check(ChromeDriver browser, String name) throws Exception {
        HtmlValidity.assertValid(browser, name);
        Files.createDirectories(SHOTS);
        for (int width : new int[] {375, 1280}) {
            Chromium.emulate(browser, width, 800);
            accessible(browser, name + " at " + width);
            Chromium.fullPageShot(
                    browser, width, 12000, SHOTS.resolve(name + "-" + width + ".png"));
        }
        Chromium.emulate(browser, 1280, 800);
    }

    /** axe-core's WCAG 2.1 A and AA rules on the page as it is now. */
    public static void accessible(ChromeDriver browser, String what) {
        Results results = new AxeBuilder().withTags(WCAG).analyze(browser);
        List<Rule> violations = results.getViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError(
                    what
                            + " at "
                            + browser.getCurrentUrl()
                            + ": "
                            + violations.stream()
                                    .map(
                                            r ->
                                                    r.getId()
                                                            + " "
                                                            + r.getNodes().stream()
                                                                    .map(
                                                                            n ->
                                                                                    String.valueOf(
                                                                                            n
                                                                                                    .getTarget()))
                                                                    .collect(
                                                                            Collectors.joining(
                                                                                    ", ")))
                                    .collect(Collectors.joining("; ")));
        }
    }
}
