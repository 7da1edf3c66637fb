package de.mitzeichnen.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mail domains learnt from an appeal's vouched-for signatures, registered with one click. */
@MicronautTest(transactional = false)
class ConsoleDomainsTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject Db db;

    URI base;
    Organiser city;
    Appeal appeal;
    Web web;
    String tag;
    String page;
    String rathaus;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
        city = fixtures.organiser("Stadt Domains");
        appeal =
                fixtures.appeal(
                        city,
                        "Domains lernen",
                        AppealStatus.OPEN,
                        Instant.now().minusSeconds(86_400),
                        Instant.now().plusSeconds(30 * 86_400),
                        "Text");
        web = accounts.signedIn(base, accounts.organiser(city));
        tag = Fixtures.unique("x").substring(2);
        page = "/verwaltung/aufrufe/" + appeal.id() + "/domains";
        rathaus = "rathaus." + tag + ".example";
    }

    @AfterEach
    void tearDown() {
        db.update("DELETE FROM municipality_domain WHERE domain LIKE ?", "%" + tag + "%");
    }

    void signature(String email, String ags, String status, String trust) {
        String now = "2025-11-20 10:00:00.000000";
        db.update(
                """
                INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags,
                  privacy_version, privacy_consent_at, language, appeal_text_hash, trust, submitted_at, confirmed_at,
                  created_at, updated_at)
                VALUES (?, ?, ?, ?, 'Test Person', 'MAYOR', ?, '2025-11', ?, 'de', ?, ?, ?, ?, ?, ?)""",
                appeal.id(),
                status,
                email,
                email.toLowerCase(),
                ags,
                now,
                "0".repeat(64),
                trust,
                now,
                status.equals("CONFIRMED") ? now : null,
                now,
                now);
    }

    @Test
    void aVouchedForDomainIsOfferedAndRegisteredWithOneClick() {
        signature("Buergermeisterin@" + rathaus, "06412000", "CONFIRMED", "VERIFIED_BY_ORGANISER");
        signature("kaemmerer@" + rathaus, "06412000", "CONFIRMED", "INVITED");
        signature("jemand@nur-mail." + tag + ".example", "06412000", "CONFIRMED", "EMAIL_ONLY");
        signature(
                "offen@offen." + tag + ".example", "06412000", "PENDING", "VERIFIED_BY_ORGANISER");
        signature("privat-" + tag + "@gmx.de", "06412000", "CONFIRMED", "INVITED");

        Web.Page shown = web.get(page);
        assertEquals(200, shown.status(), shown.text());
        List<String> domains = shown.doc().select("table.learnt-domains td code").eachText();
        assertEquals(
                List.of(rathaus), domains, "only confirmed, vouched-for, non-free-mail domains");
        Element row = shown.doc().selectFirst("table.learnt-domains tbody tr");
        assertTrue(row.text().contains("Frankfurt am Main (06412000)"), row.text());
        assertEquals("2", row.select("td").get(2).text());
        Element button = row.selectFirst("button");
        assertEquals("Als amtliche Domain von Frankfurt am Main eintragen", button.text());

        Element form = row.selectFirst("form");
        Web.Page added =
                web.postWithToken(
                        Web.csrf(shown),
                        form.attr("action"),
                        Map.of(
                                "ags",
                                form.selectFirst("input[name=ags]").val(),
                                "domain",
                                form.selectFirst("input[name=domain]").val()));
        assertEquals(303, added.status(), added.text());
        Map<String, Object> stored =
                db.row("SELECT * FROM municipality_domain WHERE domain = ?", rathaus);
        assertEquals("06412000", stored.get("ags"));
        assertEquals("organiser", stored.get("source"));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM municipality_domain WHERE domain = ? AND verified",
                        rathaus));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action = 'DOMAIN_ADDED'"
                                + " AND details LIKE ?",
                        appeal.id(),
                        "%" + rathaus + "%"));

        Document after = web.get(added.header("Location")).doc();
        assertEquals(
                "Die Domain ist jetzt als amtliche Domain der Gemeinde eingetragen.",
                after.selectFirst(".notice.ok").text());
        assertTrue(after.select("table.learnt-domains td code").isEmpty());
        assertTrue(after.text().contains("Zurzeit gibt es keine neuen Domains."), after.text());
    }

    @Test
    void onlyWhatTheAppealTaughtCanBeRegistered() {
        signature("bm@" + rathaus, "06412000", "CONFIRMED", "INVITED");
        String other = "anders." + tag + ".example";
        Web.Page refused = web.postForm(page, page, Map.of("ags", "06412000", "domain", other));
        assertEquals(422, refused.status());
        assertTrue(
                refused.doc()
                        .selectFirst(".notice.bad")
                        .text()
                        .startsWith("Diese Domain stammt nicht"));
        Web.Page wrongPlace =
                web.postForm(page, page, Map.of("ags", "09162000", "domain", rathaus));
        assertEquals(422, wrongPlace.status());
        assertEquals(
                0,
                db.count(
                        "SELECT COUNT(*) FROM municipality_domain WHERE domain IN (?, ?)",
                        other,
                        rathaus));
    }

    @Test
    void otherOrganisersGet403AndPlatformAdminsMayRegister() {
        signature("bm@" + rathaus, "06412000", "CONFIRMED", "INVITED");
        Web stranger =
                accounts.signedIn(base, accounts.organiser(fixtures.organiser("Stadt Fremd")));
        assertEquals(403, stranger.get(page).status());
        String token = Web.csrf(stranger.get("/verwaltung/aufrufe/neu"));
        assertEquals(
                403,
                stranger.postWithToken(token, page, Map.of("ags", "06412000", "domain", rathaus))
                        .status());
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM municipality_domain WHERE domain = ?", rathaus));

        Web admin = accounts.signedIn(base, accounts.admin());
        Web.Page added = admin.postForm(page, page, Map.of("ags", "06412000", "domain", rathaus));
        assertEquals(303, added.status(), added.text());
        assertEquals(
                1, db.count("SELECT COUNT(*) FROM municipality_domain WHERE domain = ?", rathaus));
        assertNotNull(
                web.get("/verwaltung/aufrufe/" + appeal.id() + "/einladungen")
                        .doc()
                        .selectFirst("a[href=" + page + "]"));
    }
}
