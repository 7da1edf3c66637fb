package de.mitzeichnen.signing;

import static de.mitzeichnen.signing.SigningTestSupport.sign;
import static de.mitzeichnen.signing.SigningTestSupport.validForm;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.security.Account;
import de.mitzeichnen.testsupport.Chromium;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The „Auffällig" view with held submissions from two addresses and the dashboard's notice, in
 * Chromium: axe-core's WCAG 2.1 AA rules, no sideways scrolling at 375 px, screenshots at 375 and
 * 1280 px in target/screenshots/.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.limits.sign", value = "1/5m")
@Property(name = "mitzeichnen.limits.held", value = "4/1h")
class HeldInBrowserTest {

    static final Path SHOTS = Path.of("target", "screenshots");
    static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject ConsoleAccounts accounts;

    ChromeDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    void flood(Appeal appeal, String[] names, int n) {
        Web client =
                new Web(URI.create(server.getURL().toString()))
                        .withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
        for (int i = 0; i < n; i++) {
            String u = UUID.randomUUID().toString().substring(0, 8);
            Map<String, String> form =
                    new LinkedHashMap<>(validForm("p-" + u + "@d" + u + ".example"));
            form.put("name", names[i % names.length]);
            sign(client, appeal.slug(), form);
        }
    }

    @Test
    void heldSubmissionsByAddressAndTheDashboardNotice() throws Exception {
        Chromium.require();
        Files.createDirectories(SHOTS);
        Organiser org = fixtures.organiser("Stadt Frankfurt am Main");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Appeal appeal =
                fixtures.appeal(
                        org,
                        "Migration als Chance begreifen!",
                        AppealStatus.OPEN,
                        now.minus(2, ChronoUnit.DAYS),
                        now.plus(20, ChronoUnit.DAYS),
                        "Text");
        flood(appeal, new String[] {"asdf qwer", "zxcv bnm", "Test Test"}, 40);
        flood(
                appeal,
                new String[] {"Dr. Petra Schmidt", "Jonas Weber", "Aylin Demir", "Klaus Becker"},
                5);
        Account account = accounts.organiser(org);

        browser = Chromium.start(1280, 900, Duration.ofSeconds(2));
        Chromium.signIn(
                browser, server.getURL().toString(), account.email(), ConsoleAccounts.PASSWORD);

        for (String[] page :
                List.of(
                        new String[] {"/auffaellig", "console-held"},
                        new String[] {"/uebersicht", "console-dashboard-held"})) {
            browser.get(server.getURL() + "/verwaltung/aufrufe/" + appeal.id() + page[0]);
            browser.findElement(By.cssSelector("main"));
            accessible(page[1]);
            Chromium.emulate(browser, 375, 900);
            long scrollWidth =
                    ((Number)
                                    ((JavascriptExecutor) browser)
                                            .executeScript(
                                                    "return document.documentElement.scrollWidth"))
                            .longValue();
            assertTrue(scrollWidth <= 375, page[1] + " is " + scrollWidth + " px wide at 375");
            Chromium.fullPageShot(browser, 375, 4000, SHOTS.resolve(page[1] + "-375.png"));
            Chromium.fullPageShot(browser, 1280, 4000, SHOTS.resolve(page[1] + "-1280.png"));
            Chromium.emulate(browser, 1280, 900);
        }
        assertTrue(
                browser.getPageSource().contains("Zurückgehaltene prüfen und freigeben"),
                "the dashboard leads to the held ones");
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
}
