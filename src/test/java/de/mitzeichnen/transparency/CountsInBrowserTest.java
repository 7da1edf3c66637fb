package de.mitzeichnen.transparency;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.counting.SupportRecount;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.Chromium;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The counts of four municipalities and one Landkreis as people see them, in both languages at 375
 * and 1280 px: the appeal page, the supporters page, the widget in its 320 × 240 frame and the
 * dashboard, each checked by axe and kept as a screenshot.
 */
@MicronautTest(transactional = false)
class CountsInBrowserTest {

    static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    static final Path SHOTS = Path.of("target", "screenshots");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject Db db;
    @Inject SupportRecount recount;
    @Inject ConsoleAccounts accounts;

    ChromeDriver browser;
    Organiser organiser;
    Appeal appeal;

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start(1280, 900, Duration.ofSeconds(2));
        Files.createDirectories(SHOTS);
        organiser = fixtures.organiser("Stadt Frankfurt am Main");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        appeal =
                fixtures.appeal(
                        organiser,
                        "Migration als Chance begreifen!",
                        AppealStatus.OPEN,
                        now.minus(6, ChronoUnit.DAYS),
                        now.plus(20, ChronoUnit.DAYS),
                        "Text");
        db.update("UPDATE appeal SET goal = 10 WHERE id = ?", appeal.id());
        confirmed("06412000", null, "LORD_MAYOR", 5);
        confirmed("06611000", null, "MAYOR", 4);
        confirmed("09162000", null, "LORD_MAYOR", 3);
        confirmed("01002000", null, "LORD_MAYOR", 2);
        confirmed(null, "06631", "DISTRICT_ADMINISTRATOR", 1);
        recount.recount(appeal.id());
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    void confirmed(String ags, String kreis, String role, int daysAgo) {
        String email = UUID.randomUUID() + "@x.example";
        db.update(
                """
                INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags, district_ags,
                  public_name, privacy_version, privacy_consent_at, language, appeal_text_hash,
                  trust, mails_sent, submitted_at, confirmed_at, created_at, updated_at)
                VALUES (?, 'CONFIRMED', ?, ?, 'Amtsperson', ?, ?, ?, true, 'v1', NOW(6), 'de', ?, 'INVITED', 1,
                        NOW(6), NOW(6) - INTERVAL ? DAY, NOW(6), NOW(6))""",
                appeal.id(),
                email,
                email,
                role,
                ags,
                kreis,
                "b".repeat(64),
                daysAgo);
    }

    Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    void open(String path) {
        browser.get(server.getURL() + path);
    }

    void accessible(String what) {
        List<Rule> violations = new AxeBuilder().withTags(WCAG).analyze(browser).getViolations();
        assertTrue(
                violations.isEmpty(),
                what
                        + ": "
                        + violations.stream()
                                .map(r -> r.getId() + " " + r.getNodes().size())
                                .collect(Collectors.joining("; ")));
    }

    /** axe and a full-length screenshot at a phone's and a desktop's width, no sideways scroll. */
    void check(String name, String path) throws Exception {
        open(path);
        for (int width : new int[] {375, 1280}) {
            Chromium.emulate(browser, width, 900);
            accessible(name + " at " + width);
            long scrollWidth =
                    ((Number) js("return document.documentElement.scrollWidth")).longValue();
            assertTrue(scrollWidth <= width, name + " is " + scrollWidth + " px wide at " + width);
            Chromium.fullPageShot(
                    browser,
                    width,
                    width < 500 ? 6000 : 8000,
                    SHOTS.resolve("counts-" + name + "-" + width + ".png"));
        }
    }

    @Test
    void theCountsReadWellOnEveryPageInBothLanguages() throws Exception {
        String slug = appeal.slug();
        for (String lang : List.of("de", "en")) {
            check("appeal-" + lang, "/aufrufe/" + slug + "?lang=" + lang);
            check("supporters-" + lang, "/aufrufe/" + slug + "/unterstuetzer?lang=" + lang);

            // the widget in the frame the API page suggests: 320 × 240, the count on at most two
            // lines, nothing cut off
            open("/aufrufe/" + slug + "/widget?lang=" + lang);
            Chromium.emulate(browser, 320, 240);
            accessible("widget " + lang);
            Chromium.fullPageShot(
                    browser, 320, 400, SHOTS.resolve("counts-widget-" + lang + ".png"));
            Number lines =
                    (Number)
                            js(
                                    "var s = document.querySelector('.w-count strong');"
                                            + " return Math.round(s.getBoundingClientRect().height"
                                            + " / parseFloat(getComputedStyle(s).lineHeight));");
            assertTrue(lines.intValue() <= 2, lang + ": the count takes " + lines + " lines");
            long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
            assertTrue(height <= 240, lang + ": the widget is " + height + " px tall");
        }

        Chromium.signIn(
                browser,
                server.getURL().toString(),
                accounts.organiser(organiser).email(),
                ConsoleAccounts.PASSWORD);
        for (String lang : List.of("de", "en")) {
            check(
                    "dashboard-" + lang,
                    "/verwaltung/aufrufe/" + appeal.id() + "/uebersicht?lang=" + lang);
        }
    }
}
