package de.mitzeichnen.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.counting.SupportRecount;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.security.Account;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

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

    static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

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

    /** The whole page, however long: the lists at the bottom of a phone page are what matter. */
    void longShot(String name, int width) throws Exception {
        viewport(width);
        Chromium.fullPageShot(browser, width, 6000, SHOTS.resolve(name + "-" + width + ".png"));
        viewport(width);
    }

    void open(String path) {
        browser.get(server.getURL() + path);
    }

    @Test
    void dashboardAndModerationUseTheWidthAndTheConsoleFitsAPhone() throws Exception {
        signIn(account);

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

    void signIn(Account who) {
        viewport(1280);
        Chromium.signIn(browser, server.getURL().toString(), who.email(), ConsoleAccounts.PASSWORD);
    }

    /**
     * What is wrong with the page as it is now at 375 px: a document wider than the phone, axe's
     * WCAG 2.1 A/AA violations (scrollable-region-focusable among them); empty when all is well.
     */
    String phoneProblems() {
        viewport(375);
        List<String> problems = new ArrayList<>();
        long scrollWidth = js("return document.scrollingElement.scrollWidth");
        if (scrollWidth > 375) {
            problems.add(
                    "document "
                            + scrollWidth
                            + " px wide, widest: "
                            + ((JavascriptExecutor) browser)
                                    .executeScript(
                                            "return [...document.querySelectorAll('body *')]"
                                                    + ".filter(e => e.getBoundingClientRect().right > 376)"
                                                    + ".slice(0, 3).map(e => e.tagName + '.' + e.className"
                                                    + " + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')"));
        }
        List<Rule> violations = new AxeBuilder().withTags(WCAG).analyze(browser).getViolations();
        for (Rule r : violations) {
            problems.add(
                    "axe "
                            + r.getId()
                            + " "
                            + r.getNodes().stream()
                                    .map(n -> String.valueOf(n.getTarget()))
                                    .collect(Collectors.joining(", ")));
        }
        return String.join("; ", problems);
    }

    @Test
    void everyConsolePageFitsAPhoneAndPassesAxe() throws Exception {
        String base = "/verwaltung/aufrufe/" + appeal.id();
        Map<String, String> problems = new LinkedHashMap<>();

        // signed out: the sign-in pages
        for (String path : List.of("/verwaltung/anmelden", "/verwaltung/passwort-vergessen")) {
            open(path);
            problems.put(path, phoneProblems());
        }

        signIn(account);
        // the invitation preview (a POST answer) and, after sending, the invitation list
        open(base + "/einladungen");
        Path csv = Files.createTempFile("einladungen", ".csv");
        Files.writeString(
                csv,
                "Name;E-Mail;Funktion;Gemeinde;Gremium\n"
                        + "Dr. Annabell Oberbürgermeisterin-Langename;annabell.oberbuergermeisterin-langename@rathaus.frankfurt-am-main.example;MAYOR;06412000;Stadtverordnetenversammlung\n"
                        + "Bernd Muster;b.muster@gemeinde-muster.example;COUNCILLOR;09162000;Stadtrat\n"
                        + "Kaputt;keine-adresse;KING;Nirgendwo;\n");
        browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
        browser.findElement(By.cssSelector("table.invitation-preview"));
        problems.put(base + "/einladungen/vorschau", phoneProblems());
        longShot("console-invitations-preview", 375);
        shot("console-invitations-preview", 1280);
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.cssSelector("table.invitation-list")).isEmpty());

        List<String> organiserPages =
                List.of(
                        "/verwaltung",
                        "/verwaltung/aufrufe/neu",
                        base,
                        base + "/schliessen",
                        base + "/uebersicht",
                        base + "/unterschriften",
                        base + "/pruefen",
                        base + "/auffaellig",
                        base + "/einladungen",
                        base + "/domains",
                        base + "/rueckmeldungen",
                        base + "/rueckmeldungen/csv",
                        base + "/aufbewahrung",
                        base + "/ergebnis");
        for (String path : organiserPages) {
            open(path);
            problems.put(path, phoneProblems());
        }
        for (String[] page :
                new String[][] {
                    {base + "/einladungen", "console-invitations"},
                    {base + "/domains", "console-domains"},
                    {base + "/uebersicht", "console-dashboard"}
                }) {
            open(page[0]);
            longShot(page[1], 375);
            shot(page[1], 1280);
        }

        // the platform admin's pages
        Account admin = accounts.admin();
        browser.manage().deleteAllCookies();
        signIn(admin);
        List<String> adminPages =
                List.of(
                        "/verwaltung/register",
                        "/verwaltung/protokoll",
                        "/verwaltung/organisationen",
                        "/verwaltung/organisationen/neu",
                        "/verwaltung/organisationen/" + appeal.organiserId(),
                        "/verwaltung/konten",
                        "/verwaltung/konten/neu",
                        "/verwaltung/konten/" + account.id());
        for (String path : adminPages) {
            open(path);
            problems.put(path, phoneProblems());
        }
        for (String[] page :
                new String[][] {
                    {"/verwaltung/register", "console-register"},
                    {"/verwaltung/protokoll", "console-audit"},
                    {"/verwaltung/organisationen", "console-organisers"},
                    {"/verwaltung/konten", "console-accounts"}
                }) {
            open(page[0]);
            longShot(page[1], 375);
            shot(page[1], 1280);
        }

        Map<String, String> bad =
                problems.entrySet().stream()
                        .filter(e -> !e.getValue().isEmpty())
                        .collect(
                                Collectors.toMap(
                                        Map.Entry::getKey,
                                        Map.Entry::getValue,
                                        (a, b) -> a,
                                        LinkedHashMap::new));
        assertEquals(
                Map.of(),
                bad,
                "console pages at 375 px ("
                        + problems.size()
                        + " checked): "
                        + bad.entrySet().stream()
                                .map(e -> e.getKey() + " -> " + e.getValue())
                                .collect(Collectors.joining("\n")));
    }

    /**
     * The appeal page's top at 375 and 1280 px: the sign link is on the first screen and leads to
     * the form's first field; the counts' numbers stay whole; the recent list has no space before
     * its colon; the page sets no cookie.
     */
    @Test
    void theAppealPageLeadsToTheSignFormAndKeepsItsNumbersWhole() throws Exception {
        db.update(
                "UPDATE appeal SET body_markdown = ? WHERE id = ?",
                ("## Worum es geht\n\n"
                                + "Ein langer Absatz über Migration als Chance. ".repeat(40)
                                + "\n\n")
                        .repeat(6),
                appeal.id());
        for (int width : new int[] {375, 1280}) {
            viewport(width);
            open("/aufrufe/" + appeal.slug());
            org.openqa.selenium.WebElement link =
                    browser.findElement(By.cssSelector(".sign-now a"));
            assertEquals("Jetzt unterzeichnen", link.getText());
            long bottom =
                    js(
                            "return Math.ceil(document.querySelector('.sign-now a').getBoundingClientRect().bottom)");
            long screen = js("return window.innerHeight");
            assertTrue(
                    bottom <= screen,
                    width + " px: the sign link ends at " + bottom + " of " + screen);
            long formTop =
                    js(
                            "return Math.round(document.getElementById('form').getBoundingClientRect().top)");
            assertTrue(
                    formTop > screen,
                    width + " px: the form itself starts below the first screen: " + formTop);
            Files.write(
                    SHOTS.resolve("appeal-top-" + width + ".png"),
                    browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            for (org.openqa.selenium.WebElement n :
                    browser.findElements(By.cssSelector(".counts .count .n"))) {
                long lines =
                        ((Number)
                                        ((JavascriptExecutor) browser)
                                                .executeScript(
                                                        "const r = document.createRange(); r.selectNodeContents(arguments[0]);"
                                                                + " return new Set([...r.getClientRects()].map(c => Math.round(c.top))).size",
                                                        n))
                                .longValue();
                assertEquals(
                        1,
                        lines,
                        width + " px: " + n.getText() + " breaks over " + lines + " lines");
            }
            String recent = browser.findElement(By.cssSelector(".recent-list li")).getText();
            assertTrue(recent.matches("^[^ :][^:]*[^ ]: .*"), recent);

            browser.findElement(By.cssSelector(".sign-now a")).click();
            new WebDriverWait(browser, Duration.ofSeconds(5))
                    .until(d -> "name".equals(js2("return document.activeElement.id")));
            long fieldTop = js("return document.activeElement.getBoundingClientRect().top");
            long labelTop =
                    js(
                            "return document.querySelector('label[for=name]').getBoundingClientRect().top");
            assertTrue(
                    labelTop >= 0 && fieldTop < screen,
                    width + " px: label at " + labelTop + ", field at " + fieldTop);
            Files.write(
                    SHOTS.resolve("appeal-sign-link-followed-" + width + ".png"),
                    browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            assertTrue(
                    browser.manage().getCookies().isEmpty(),
                    String.valueOf(browser.manage().getCookies()));
        }
    }

    Object js2(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }
}
