package de.mitzeichnen.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.security.Account;
import de.mitzeichnen.testsupport.Chromium;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.PageCheck;
import de.mitzeichnen.testsupport.TestClock;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The pages of contacts and appeals of an alliance in Chromium, in German and English: the contact
 * list with the add form and its errors, editing, erasing, the import with its preview of bad rows,
 * the alliance's appeals and the invitation of its members, the dashboard's member list, the public
 * appeal page with „N von M", the supporters page with the „Mitglied" mark, and the unsubscribe
 * page before and after. Each state passes the Nu Html Checker and axe-core (WCAG 2.1 A/AA) at 375
 * and 1280 px; screenshots in target/screenshots/alliance-*.
 */
@MicronautTest(transactional = false)
class AllianceContactsInBrowserTest {

    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject ConsoleAccounts accounts;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject ContactTestData data;
    @Inject DemoAllianceAppeal demo;
    @Inject Appeals appeals;
    @Inject Unsubscribes unsubscribes;

    ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start(1280, 900, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        clock.reset();
    }

    void open(String path, String lang) {
        browser.get(server.getURL() + path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
    }

    @Test
    void everyPageOfContactsAndAppealsOfAnAllianceInBothLanguages() throws Exception {
        clock.set(NOW);
        Organiser potsdam = fixtures.organiser("Landeshauptstadt Potsdam");
        Alliance alliance = data.alliance(potsdam, true);
        for (String ags : List.of("12054000", "01002000", "11000000", "01001000")) {
            data.member(alliance, ags, "DE", "2019-06-14", null);
        }
        data.member(alliance, "06534", "DE", "2020-02-20", null);
        data.member(alliance, "Zürich", "CH", "2021-05-01", null);
        data.member(alliance, "06611000", "DE", "2019-09-01", "2023-12-31");
        String slug = Fixtures.unique("sichere-haefen").toLowerCase();
        assertTrue(demo.load(alliance, slug, NOW, NOW.plus(Duration.ofDays(30))));
        Appeal appeal = appeals.bySlug(slug).orElseThrow();
        String anna =
                db.row(
                                "SELECT email_key FROM alliance_contact WHERE alliance_id = ? AND name = 'Anna Beispiel'",
                                alliance.id())
                        .get("email_key")
                        .toString();
        String unsubscribe = java.net.URI.create(unsubscribes.url(alliance.id(), anna)).getPath();

        Account account = accounts.organiser(potsdam);
        browser.get(server.getURL() + "/verwaltung/anmelden");
        browser.findElement(By.name("email")).sendKeys(account.email());
        browser.findElement(By.name("password")).sendKeys(ConsoleAccounts.PASSWORD);
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        browser.findElement(By.cssSelector(".console-bar"));

        String contacts = "/verwaltung/buendnisse/" + alliance.id() + "/kontakte";
        String aufrufe = "/verwaltung/buendnisse/" + alliance.id() + "/aufrufe";
        long contactId =
                ((Number)
                                db.row(
                                                "SELECT id FROM alliance_contact WHERE alliance_id = ? AND name = 'Anna Beispiel'",
                                                alliance.id())
                                        .get("id"))
                        .longValue();
        Path file = Files.createTempFile("kontakte", ".csv");
        Files.write(
                file,
                ("Name;E-Mail;Funktion;Gemeinde;Gremium\r\n"
                                + "Dr. Annabell Oberbürgermeisterin-Langename;annabell.langename@rathaus.landeshauptstadt-potsdam.example;Oberbürgermeisterin;12054000;Stadtverordnetenversammlung\r\n"
                                + "Kaputt;keine-adresse;Hausmeister;Nirgendwo;\r\n"
                                + "Gerd Früher;gerd@kassel.example;Bürgermeister;06611000;\r\n")
                        .getBytes(Charset.forName("windows-1252")));

        for (String lang : List.of("de", "en")) {
            open(contacts, lang);
            assertEquals(
                    lang.equals("de")
                            ? "Kontakte: " + alliance.name()
                            : "Contacts: " + alliance.name(),
                    browser.findElement(By.tagName("h1")).getText());
            PageCheck.check(browser, "alliance-contacts-" + lang);

            // the add form with errors: the summary and every field's message
            open(contacts + "#add", lang);
            browser.findElement(By.id("name")).sendKeys("=Formel");
            browser.findElement(By.id("email")).sendKeys("keine-adresse");
            browser.findElement(By.cssSelector("#add form button[type=submit]")).click();
            browser.findElement(By.cssSelector(".error-summary"));
            PageCheck.check(browser, "alliance-contacts-errors-" + lang);

            open(contacts + "/" + contactId + "/bearbeiten", lang);
            PageCheck.check(browser, "alliance-contact-edit-" + lang);
            open(contacts + "/" + contactId + "/loeschen", lang);
            PageCheck.check(browser, "alliance-contact-erase-" + lang);

            open(contacts + "/import", lang);
            PageCheck.check(browser, "alliance-contacts-import-" + lang);
            browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
            browser.findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
            browser.findElement(By.cssSelector("table.contact-preview"));
            PageCheck.check(browser, "alliance-contacts-preview-" + lang);

            open(aufrufe, lang);
            PageCheck.check(browser, "alliance-appeals-" + lang);
            open(aufrufe + "/" + appeal.id() + "/einladen", lang);
            PageCheck.check(browser, "alliance-invite-" + lang);
            open("/verwaltung/aufrufe/" + appeal.id() + "/uebersicht", lang);
            browser.findElement(By.cssSelector(".alliance-members"));
            PageCheck.check(browser, "alliance-dashboard-" + lang);

            open("/aufrufe/" + slug, lang);
            assertEquals(
                    lang.equals("de")
                            ? "2 von 6 Mitgliedern haben unterzeichnet"
                            : "2 of 6 members have signed",
                    browser.findElement(By.cssSelector(".alliance-share span")).getText());
            PageCheck.check(browser, "alliance-appeal-page-" + lang);
            open("/aufrufe/" + slug + "/unterstuetzer", lang);
            browser.findElement(By.cssSelector(".places .mark"));
            PageCheck.check(browser, "alliance-supporters-" + lang);
        }

        // the unsubscribe page, before and after the button (a new browser session: no console)
        browser.manage().deleteAllCookies();
        for (String lang : List.of("de", "en")) {
            open(unsubscribe, lang);
            PageCheck.check(browser, "alliance-unsubscribe-" + lang);
        }
        open(unsubscribe, "de");
        browser.findElement(By.cssSelector("form[method=post] button")).click();
        browser.findElement(By.cssSelector(".notice.ok"));
        PageCheck.check(browser, "alliance-unsubscribed-de");
        open(unsubscribe, "en");
        PageCheck.check(browser, "alliance-unsubscribed-en");
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM alliance_unsubscribe WHERE alliance_id = ?",
                        alliance.id()));
    }
}
