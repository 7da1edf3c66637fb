package de.mitzeichnen.dashboard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.security.Account;
import de.mitzeichnen.signing.SupportRecount;
import de.mitzeichnen.testsupport.Chromium;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.HtmlValidity;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console in Chromium: the dashboard and moderation at 1280 px use the width, every console
 * page of an appeal fits 375 px without sideways scrolling. Screenshots go to target/screenshots/.
 */
@MicronautTest(transactional = false)
class ConsoleInBrowserTest {

    static final Path SHOTS = Path.of("target", "screenshots");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject ConsoleAccounts accounts;
    @Inject Db db;
    @Inject SupportRecount recount;

    ChromeDriver browser;
    Appeal appeal;
    Account account;

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start(1280, 900, Duration.ofSeconds(2));
        Files.createDirectories(SHOTS);
        Organiser org = fixtures.organiser("Stadt Frankfurt am Main");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        appeal =
                fixtures.appeal(
                        org,
                        "Migration als Chance begreifen!",
                        AppealStatus.OPEN,
                        now.minus(12, ChronoUnit.DAYS),
                        now.plus(20, ChronoUnit.DAYS),
                        "Text");
        db.update("UPDATE appeal SET goal = 50 WHERE id = ?", appeal.id());
        db.update(
                "INSERT INTO invitation_settings (appeal_id, reminder_days) VALUES (?, '7,2')",
                appeal.id());
        List<String[]> rows =
                List.of(
                        new String[] {
                            "06412000",
                            "Dr. Petra Oberbürgermeisterin-Langename",
                            "OFFICIAL_DOMAIN",
                            null,
                            "CONFIRMED",
                            "11"
                        },
                        new String[] {
                            "06412000", "Paul Dezernent", "INVITED", null, "CONFIRMED", "9"
                        },
                        new String[] {
                            "09162000", "Maria München", "OFFICIAL_DOMAIN", null, "CONFIRMED", "8"
                        },
                        new String[] {
                            "05315000", "Konrad Köln", "OFFICIAL_DOMAIN", null, "CONFIRMED", "6"
                        },
                        new String[] {
                            "08111000", "Frieda Frei", "EMAIL_ONLY", "FREEMAIL", "CONFIRMED", "4"
                        },
                        new String[] {
                            "14612000",
                            "Rita Raus",
                            "EMAIL_ONLY",
                            "OTHER_MUNICIPALITY",
                            "REJECTED",
                            "3"
                        },
                        new String[] {
                            "11000000", "Bernd Berlin", "OFFICIAL_DOMAIN", null, "CONFIRMED", "1"
                        },
                        new String[] {"02000000", "Hanna Hamburg", null, null, "PENDING", "0"});
        for (String[] r : rows) {
            String email = "p-" + UUID.randomUUID() + "@stadt.example";
            db.update(
                    """
                    INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags, public_name,
                      privacy_version, privacy_consent_at, language, appeal_text_hash, trust, trust_flag, mails_sent,
                      submitted_at, confirmed_at, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, 'MAYOR', ?, true, 'v1', NOW(6), 'de', ?, ?, ?, 1,
                      NOW(6) - INTERVAL ? DAY, IF(? = 'PENDING', NULL, NOW(6) - INTERVAL ? DAY), NOW(6), NOW(6))""",
                    appeal.id(),
                    r[4],
                    email,
                    email,
                    r[1],
                    r[0],
                    "c".repeat(64),
                    r[2],
                    r[3],
                    r[5],
                    r[4],
                    r[5]);
        }
        recount.recount(appeal.id());
        account = accounts.organiser(org);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    void viewport(int width) {
        Chromium.emulate(browser, width, 900);
    }

    long js(String script) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(script)).longValue();
    }

    /** Valid HTML (Nu Html Checker) and a screenshot at {@code width}. */
    void shot(String name, int width) throws Exception {
        HtmlValidity.assertValid(browser, name);
        viewport(width);
        Chromium.fullPageShot(
                browser,
                width,
                width < 500 ? 1500 : 8000,
                SHOTS.resolve(name + "-" + width + ".png"));
        viewport(width);
    }

    void open(String path) {
        browser.get(server.getURL() + path);
    }

    @Test
    void dashboardAndModerationUseTheWidthAndTheConsoleFitsAPhone() throws Exception {
        viewport(1280);
        open("/verwaltung/anmelden");
        browser.findElement(By.id("email")).sendKeys(account.email());
        browser.findElement(By.id("password")).sendKeys(ConsoleAccounts.PASSWORD);
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        browser.findElement(By.cssSelector(".console-bar"));

        String dashboard = "/verwaltung/aufrufe/" + appeal.id() + "/uebersicht";
        String signatures = "/verwaltung/aufrufe/" + appeal.id() + "/unterschriften";
        open(dashboard);
        browser.findElement(By.cssSelector(".tiles"));
        long mainWidth = js("return document.querySelector('main').getBoundingClientRect().width");
        assertTrue(
                mainWidth > 1100, "the console uses the screen: main is " + mainWidth + " px wide");
        shot("console-dashboard", 1280);
        open(signatures);
        shot("console-moderation", 1280);
        open(signatures + "?done=verified&n=3");
        shot("console-moderation-done", 1280);

        for (String path :
                List.of(
                        "/verwaltung",
                        dashboard,
                        signatures,
                        "/verwaltung/aufrufe/" + appeal.id() + "/pruefen",
                        "/verwaltung/aufrufe/" + appeal.id(),
                        "/verwaltung/aufrufe/" + appeal.id() + "/schliessen")) {
            open(path);
            viewport(375);
            long scrollWidth = js("return document.documentElement.scrollWidth");
            assertTrue(
                    scrollWidth <= 375,
                    path + " scrolls sideways at 375 px: " + scrollWidth + " px wide");
        }
        open(dashboard);
        shot("console-dashboard", 375);
        open(signatures);
        shot("console-moderation", 375);
        open("/verwaltung/aufrufe/" + appeal.id() + "/schliessen");
        shot("console-close-confirm", 375);
        open("/verwaltung");
        shot("console-appeals", 375);

        db.update(
                "UPDATE appeal SET status = 'CLOSED', closed_early_at = NOW(6) WHERE id = ?",
                appeal.id());
        open("/aufrufe/" + appeal.slug());
        assertTrue(
                browser.findElement(By.cssSelector(".closed-early"))
                        .getText()
                        .contains("Vorzeitig beendet am"));
        shot("public-closed-early", 375);
    }
}
