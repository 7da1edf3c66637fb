package de.mitzeichnen.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.security.Account;
import de.mitzeichnen.testsupport.Chromium;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.PageCheck;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The alliance page (German and English), the console's member page with a refused entry, and the
 * member import preview in Chromium: valid HTML (Nu Html Checker), no axe-core violation and
 * nothing that scrolls sideways at 375 and 1280 px; screenshots in target/screenshots/.
 */
@MicronautTest(transactional = false)
class AllianceInBrowserTest {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject ConsoleAccounts accounts;
    @Inject Alliances alliances;
    @Inject Memberships memberships;

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
    }

    /** PageCheck (vnu, axe, screenshots at both widths), and nothing wider than the phone. */
    void check(String name) throws Exception {
        PageCheck.check(browser, name);
        Chromium.emulate(browser, 375, 800);
        long scroll =
                ((Number)
                                ((JavascriptExecutor) browser)
                                        .executeScript(
                                                "return document.scrollingElement.scrollWidth"))
                        .longValue();
        assertTrue(scroll <= 375, name + " scrolls sideways at 375 px: " + scroll);
        Chromium.emulate(browser, 1280, 800);
    }

    void member(Alliance a, String place, String country, String joined, String left) {
        assertTrue(
                memberships
                        .add(
                                a,
                                new Memberships.NewMember(
                                        memberships.target(place, country).orElseThrow(),
                                        LocalDate.parse(joined),
                                        left == null ? null : LocalDate.parse(left),
                                        "Stadtratsbeschluss vom 18.12.2019",
                                        null),
                                Actor.system())
                        .ok());
    }

    @Test
    void theAlliancePageAndTheMemberImportPreview() throws Exception {
        Organiser org = fixtures.organiser("Landeshauptstadt Potsdam");
        Alliance alliance =
                alliances
                        .create(
                                Actor.system(),
                                org.id(),
                                new Alliances.Details(
                                        "Städte Sicherer Häfen",
                                        Fixtures.unique("haefen").toLowerCase(),
                                        "Kommunen, die sich bereit erklären, aus Seenot gerettete"
                                                + " Menschen zusätzlich aufzunehmen.\n\n"
                                                + "Gegründet am 14. Juni 2019 mit der Potsdamer"
                                                + " Erklärung.",
                                        "Geschäftsstelle",
                                        "kontakt@haefen.example",
                                        true))
                        .saved();
        for (String ags :
                new String[] {
                    "11000000", "05766020", "01001000", "08311000", "13075039", "03254021",
                    "01002000", "05114000", "06534014", "12054000", "13003000", "08416036"
                }) {
            member(alliance, ags, "DE", "2019-06-14", null);
        }
        member(alliance, "06534", "DE", "2020-02-20", null);
        member(alliance, "Zürich", "CH", "2021-05-01", null);
        member(alliance, "06611000", "DE", "2019-09-01", "2023-12-31");

        browser.get(server.getURL() + "/buendnisse/" + alliance.slug());
        assertEquals("Städte Sicherer Häfen", browser.findElement(By.tagName("h1")).getText());
        check("alliance-page");
        browser.get(server.getURL() + "/buendnisse/" + alliance.slug() + "?lang=en");
        check("alliance-page-en");
        browser.get(server.getURL() + "/buendnisse");
        check("alliance-list");

        Account account = accounts.organiser(org);
        browser.get(server.getURL() + "/verwaltung/anmelden");
        browser.findElement(By.name("email")).sendKeys(account.email());
        browser.findElement(By.name("password")).sendKeys(ConsoleAccounts.PASSWORD);
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        browser.findElement(By.cssSelector(".console-bar"));

        browser.get(server.getURL() + "/verwaltung/buendnisse");
        check("alliance-console-list");
        browser.get(server.getURL() + "/verwaltung/buendnisse/" + alliance.id());
        check("alliance-console-form");
        browser.get(server.getURL() + "/verwaltung/buendnisse/" + alliance.id() + "/mitglieder");
        check("alliance-members");
        // joining twice: refused with the error summary in view
        browser.findElement(By.id("place")).sendKeys("Berlin (11000000)");
        browser.findElement(By.id("joinedOn")).sendKeys("01022024");
        browser.findElement(By.cssSelector("#add form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(d -> d.getPageSource().contains("Es gibt ein Problem"));
        assertTrue(
                browser.findElement(By.cssSelector(".error-summary"))
                        .getText()
                        .contains("schon Mitglied"));
        check("alliance-members-errors");

        Path csv = Files.createTempFile("mitglieder", ".csv");
        Files.write(
                csv,
                String.join(
                                "\r\n",
                                "AGS;Name;Beitritt;Grundlage;Staat",
                                "09162000;München;01.07.2019;Stadtratsbeschluss vom 25.06.2019;",
                                ";Gibtesnichthausen;01.07.2019;;",
                                "05315000;Köln;31.02.2020;;",
                                "11000000;Berlin;01.01.2020;;",
                                "06631;Landkreis Fulda;01.03.2021;Kreistagsbeschluss;",
                                ";Wien;01.01.2022;Gemeinderatsbeschluss;AT")
                        .getBytes(Charset.forName("windows-1252")));
        browser.get(
                server.getURL() + "/verwaltung/buendnisse/" + alliance.id() + "/mitglieder/import");
        check("alliance-import");
        browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(d -> d.getPageSource().contains("Vorschau der Mitglieder"));
        assertEquals(
                "3 Mitgliedschaften bereit, 3 Zeilen mit Problemen",
                browser.findElement(By.cssSelector(".preview-counts")).getText());
        check("alliance-import-preview");
    }
}
