package de.mitzeichnen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every change of an account's role, organisation, access or password counts in the sessions it
 * already has, on their very next request, also after the token was re-issued.
 */
@MicronautTest(transactional = false)
class RightsFollowAccountTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject Db db;
    @Inject TestClock clock;

    URI base;
    Web admin;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
        admin = accounts.signedIn(base, accounts.admin());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aDemotedAdminLosesTheAdminsRightsOnTheNextRequestEvenWithAReissuedToken() {
        Account target = accounts.admin();
        Web session = accounts.signedIn(base, target);
        assertEquals(200, session.get("/verwaltung/konten").status());
        // a minute later the token is re-issued: the new one must not carry the old rights either
        String before = session.cookie(Sessions.COOKIE);
        clock.advance(Duration.ofMinutes(2));
        assertEquals(200, session.get("/verwaltung/konten").status());
        assertNotEquals(before, session.cookie(Sessions.COOKIE), "re-issued");

        Organiser city = fixtures.organiser("Stadt Demotion");
        Web.Page saved =
                change(
                        target,
                        Map.of("role", "ORGANISER", "organiserId", String.valueOf(city.id())));
        assertEquals(303, saved.status(), saved.body());

        assertEquals(403, session.get("/verwaltung/konten").status());
        String email = Fixtures.unique("neu").toLowerCase() + "@test.example";
        Web.Page create =
                session.postWithToken(
                        session.csrfToken(),
                        "/verwaltung/konten/neu",
                        Web.form(
                                "email",
                                email,
                                "displayName",
                                "Neu",
                                "role",
                                "PLATFORM_ADMIN",
                                "password",
                                ConsoleAccounts.PASSWORD,
                                "enabled",
                                "on"));
        assertEquals(403, create.status());
        assertEquals(0, db.count("SELECT COUNT(*) FROM account WHERE email = ?", email));
        // still signed in, now as the organisation's account
        Web.Page home = session.get("/verwaltung");
        assertEquals(200, home.status());
        assertTrue(home.doc().select("a[href=/verwaltung/konten]").isEmpty(), home.body());

        Map<String, Object> entry =
                db.row(
                        "SELECT action, details, actor_email FROM audit_entry WHERE action ="
                                + " 'ACCOUNT_UPDATED' AND details LIKE ? ORDER BY id DESC LIMIT 1",
                        "%" + target.email() + "%");
        String details = entry.get("details").toString();
        assertTrue(details.contains("\"previousRole\":\"PLATFORM_ADMIN\""), details);
        assertTrue(details.contains("\"role\":\"ORGANISER\""), details);
        assertTrue(details.contains(city.name()), details);
        assertNotEquals(target.email(), entry.get("actor_email"), "the admin who changed it");
    }

    @Test
    void anOrganiserMovedToAnotherOrganisationSeesOnlyTheNewOnesAppealsOnTheNextRequest() {
        Organiser from = fixtures.organiser("Stadt Alt");
        Organiser to = fixtures.organiser("Stadt Neu");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Appeal old =
                fixtures.appeal(
                        from, "Alt", AppealStatus.DRAFT, now, now.plus(Duration.ofDays(30)), "x");
        Appeal next =
                fixtures.appeal(
                        to, "Neu", AppealStatus.DRAFT, now, now.plus(Duration.ofDays(30)), "x");
        Account organiser = accounts.organiser(from);
        Web session = accounts.signedIn(base, organiser);
        assertEquals(200, session.get("/verwaltung/aufrufe/" + old.id()).status());
        assertEquals(403, session.get("/verwaltung/aufrufe/" + next.id()).status());

        assertEquals(
                303, change(organiser, Map.of("organiserId", String.valueOf(to.id()))).status());

        assertEquals(403, session.get("/verwaltung/aufrufe/" + old.id()).status());
        assertEquals(200, session.get("/verwaltung/aufrufe/" + next.id()).status());
        String list = session.get("/verwaltung").body();
        assertFalse(list.contains(old.slug()), "the old organisation's appeal is not listed");
        String details =
                db.row(
                                "SELECT details FROM audit_entry WHERE action = 'ACCOUNT_UPDATED'"
                                        + " AND details LIKE ? ORDER BY id DESC LIMIT 1",
                                "%" + organiser.email() + "%")
                        .get("details")
                        .toString();
        assertTrue(details.contains("\"previousOrganiser\":\"" + from.name() + "\""), details);
        assertTrue(details.contains("\"organiser\":\"" + to.name() + "\""), details);
    }

    @Test
    void disablingEndsEveryOpenSessionOnTheNextRequest() {
        Account organiser = accounts.organiser(fixtures.organiser("Stadt Gesperrt"));
        Web one = accounts.signedIn(base, organiser);
        Web two = accounts.signedIn(base, organiser);
        assertEquals(200, one.get("/verwaltung").status());

        assertEquals(303, change(organiser, Map.of("enabled", "")).status());

        for (Web session : new Web[] {one, two}) {
            Web.Page page = session.get("/verwaltung");
            assertEquals(303, page.status());
            assertTrue(page.header("Location").startsWith("/verwaltung/anmelden"));
        }
        assertEquals(
                0,
                db.count(
                        "SELECT COUNT(*) FROM console_session WHERE account_id = ?",
                        organiser.id()));
        // enabling again does not bring the old sessions back
        assertEquals(303, change(organiser, Map.of("enabled", "on")).status());
        assertEquals(303, one.get("/verwaltung").status());
    }

    @Test
    void aNewPasswordSetByAnAdminOrByResetEndsEveryOpenSession() {
        Account organiser = accounts.organiser(fixtures.organiser("Stadt Passwort"));
        Web byAdmin = accounts.signedIn(base, organiser);
        assertEquals(
                303,
                change(organiser, Map.of("password", "Tulpen blühen im April am Mainufer"))
                        .status());
        assertEquals(303, byAdmin.get("/verwaltung").status());
        Web.Page login =
                new Web(base)
                        .withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress())
                        .postForm(
                                "/verwaltung/anmelden",
                                "/verwaltung/anmelden",
                                Web.form(
                                        "email",
                                        organiser.email(),
                                        "password",
                                        "Tulpen blühen im April am Mainufer"));
        assertEquals(303, login.status(), "the new password works");
    }

    @Test
    void aPlatformAdminSeesAnAccountsOpenSessionsAndEndsThem() {
        Account organiser = accounts.organiser(fixtures.organiser("Stadt Sitzungen"));
        Web phone =
                new Web(base)
                        .withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress())
                        .withHeader("User-Agent", "Testbrowser/1.0 (Rathaus-PC)");
        assertEquals(
                303,
                phone.postForm(
                                "/verwaltung/anmelden",
                                "/verwaltung/anmelden",
                                Web.form(
                                        "email",
                                        organiser.email(),
                                        "password",
                                        ConsoleAccounts.PASSWORD))
                        .status());
        Web pc = accounts.signedIn(base, organiser);
        assertEquals(200, phone.get("/verwaltung").status());

        Document page = admin.get("/verwaltung/konten/" + organiser.id()).doc();
        assertEquals(2, page.select("#sitzungen + p + div table tbody tr").size(), page.html());
        assertTrue(
                page.select("#sitzungen + p + div")
                        .text()
                        .contains("Testbrowser/1.0 (Rathaus-PC)"));
        // end one: only that session ends
        Element first = page.selectFirst("#sitzungen + p + div table tbody tr form");
        Web.Page ended =
                admin.postWithToken(
                        Web.csrf(admin.get("/verwaltung/konten/" + organiser.id())),
                        first.attr("action").replaceAll("\\?.*", ""),
                        Web.form("session", first.selectFirst("input[name=session]").val()));
        assertEquals(303, ended.status(), ended.body());
        int open = 0;
        for (Web w : new Web[] {phone, pc}) {
            open += w.get("/verwaltung").status() == 200 ? 1 : 0;
        }
        assertEquals(1, open, "one session ended, the other still open");
        Web.Page after = admin.get(ended.header("Location"));
        assertEquals("1 Sitzung beendet.", after.doc().selectFirst("p.notice.ok").text());

        // end all
        admin.postWithToken(
                Web.csrf(after),
                "/verwaltung/konten/" + organiser.id() + "/sitzungen",
                Web.form("session", "all"));
        assertEquals(303, phone.get("/verwaltung").status());
        assertEquals(303, pc.get("/verwaltung").status());
        assertEquals(
                "Dieses Konto hat keine offenen Sitzungen.",
                admin.get("/verwaltung/konten/" + organiser.id())
                        .doc()
                        .selectFirst("#sitzungen + p + p")
                        .text());
        assertEquals(
                2,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'SESSIONS_ENDED' AND"
                                + " details LIKE ?",
                        "%" + organiser.email() + "%"));

        // a made-up handle changes nothing and says so
        Web mine = accounts.signedIn(base, organiser);
        Web.Page bad =
                admin.postWithToken(
                        admin.csrfToken(),
                        "/verwaltung/konten/" + organiser.id() + "/sitzungen",
                        Web.form("session", "<script>"));
        assertEquals(422, bad.status());
        assertEquals(200, mine.get("/verwaltung").status());
    }

    @Test
    void aLogoutEndsTheSessionForACopyOfTheCookieToo() {
        Account organiser = accounts.organiser(fixtures.organiser("Stadt Abmeldung"));
        Web session = accounts.signedIn(base, organiser);
        String cookie = session.cookie(Sessions.COOKIE);
        session.postWithToken(session.csrfToken(), "/verwaltung/abmelden", Map.of());
        Web copy = new Web(base).withHeader("Cookie", Sessions.COOKIE + "=" + cookie);
        assertEquals(303, copy.get("/verwaltung").status());
    }

    /** The admin changes the account through its form, keeping every field not named. */
    private Web.Page change(Account target, Map<String, String> changes) {
        Web.Page page = admin.get("/verwaltung/konten/" + target.id());
        Document doc = page.doc();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("email", doc.selectFirst("input[name=email]").val());
        form.put("displayName", doc.selectFirst("input[name=displayName]").val());
        form.put("role", doc.selectFirst("select[name=role] option[selected]").val());
        Element org = doc.selectFirst("select[name=organiserId] option[selected]");
        form.put("organiserId", org == null ? "" : org.val());
        form.put("password", "");
        form.put("enabled", doc.selectFirst("input[name=enabled]").hasAttr("checked") ? "on" : "");
        form.put("version", doc.selectFirst("input[name=version]").val());
        form.putAll(changes);
        return admin.postWithToken(Web.csrf(page), "/verwaltung/konten/" + target.id(), form);
    }
}
