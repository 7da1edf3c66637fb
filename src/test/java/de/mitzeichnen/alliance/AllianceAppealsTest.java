package de.mitzeichnen.alliance;

import static de.mitzeichnen.alliance.ContactTestData.assertStatus;
import static de.mitzeichnen.alliance.ContactTestData.formFields;
import static de.mitzeichnen.alliance.ContactTestData.submit;
import static de.mitzeichnen.alliance.ContactTestData.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Mails;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.TestSmtp;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Appeals run by an alliance, through HTTP against the real database: linking and unlinking in the
 * console (only the organisation's own appeals), inviting the current members' contacts by role and
 * body and later only the new ones, „N von M Mitgliedern haben unterzeichnet" on the public page in
 * both languages — also after a member leaves, while its signature still counts —, the organiser's
 * dashboard per member, the „Mitglied" mark on the supporters page, and another organisation's
 * organiser refused.
 */
@MicronautTest(transactional = false)
class AllianceAppealsTest {

    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(15);

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject ContactTestData data;
    @Inject Memberships memberships;
    @Inject AllianceAppeals allianceAppeals;

    URI base;
    Organiser city;
    Alliance alliance;
    Appeal appeal;
    MemberPlace muenchen;
    MemberPlace flensburg;
    MemberPlace fulda;
    MemberPlace zuerich;
    Web web;
    String tag;
    String appeals;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        base = URI.create(server.getURL().toString());
        city = fixtures.organiser("Stadt Bündnisaufruf");
        alliance = data.alliance(city, true);
        muenchen = data.member(alliance, "09162000", "DE", "2019-06-14", null);
        flensburg = data.member(alliance, "01001000", "DE", "2019-06-14", null);
        fulda = data.member(alliance, "06631", "DE", "2020-03-01", null);
        zuerich = data.member(alliance, "Zürich", "CH", "2021-05-01", null);
        // Kassel left before the appeal: its contact is never invited
        MemberPlace kassel = data.member(alliance, "06611000", "DE", "2019-09-01", "2023-12-31");
        tag = Fixtures.unique("a").substring(2);
        data.contact(alliance, muenchen, "Anna Alt", SignerRole.LORD_MAYOR, addr("anna"), "");
        data.contact(
                alliance, muenchen, "Bert Bär", SignerRole.COUNCILLOR, addr("bert"), "Stadtrat");
        data.contact(
                alliance,
                fulda,
                "Cora Crüger",
                SignerRole.DISTRICT_ADMINISTRATOR,
                addr("cora"),
                "");
        data.contact(alliance, flensburg, "Flo Förde", SignerRole.MAYOR, addr("flo"), "Rathaus");
        data.contact(alliance, zuerich, "Zoë Zürcher", SignerRole.MAYOR, addr("zoe"), "");
        appeal =
                data.appeal(
                        city,
                        "Aufruf des Bündnisses " + tag,
                        Instant.parse("2025-12-01T00:00:00Z"),
                        Instant.parse("2026-02-28T22:59:59Z"));
        web = accounts.signedIn(base, accounts.organiser(city));
        appeals = "/verwaltung/buendnisse/" + alliance.id() + "/aufrufe";
        assertNotNull(kassel);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    String addr(String who) {
        return who + "-" + tag + "@stadt.example";
    }

    String invitePath() {
        return appeals + "/" + appeal.id() + "/einladen";
    }

    /** The invitation page with these boxes ticked (GET, as the form „Auswahl anzeigen" sends). */
    Web.Page choose(String... boxes) {
        StringBuilder q = new StringBuilder();
        for (String b : boxes) {
            q.append(q.isEmpty() ? "?" : "&")
                    .append(java.net.URLEncoder.encode(b, StandardCharsets.UTF_8))
                    .append("=1");
        }
        Web.Page page = web.get(invitePath() + q);
        assertStatus(200, page);
        return page;
    }

    List<String> invited() {
        return db
                .rows(
                        "SELECT email FROM invitation WHERE appeal_id = ? ORDER BY email",
                        appeal.id())
                .stream()
                .map(r -> r.get("email").toString())
                .toList();
    }

    void link() {
        Web.Page list = web.get(appeals);
        assertStatus(200, list);
        assertStatus(
                303,
                submit(web, list, "/verknuepfen", Map.of("appealId", String.valueOf(appeal.id()))));
    }

    @Test
    void anAppealIsLinkedItsMembersContactsInvitedByRoleAndBodyAndLaterOnlyTheNewOnes() {
        Organiser other = fixtures.organiser("Andere Stadt");
        Appeal foreign =
                data.appeal(
                        other,
                        "Fremder Aufruf",
                        Instant.parse("2025-12-01T00:00:00Z"),
                        Instant.parse("2026-02-28T22:59:59Z"));
        Web.Page list = web.get(appeals);
        assertTrue(
                list.doc().select("select#appealId option").eachText().contains(appeal.title()),
                list.text());
        Web.Page refused =
                submit(web, list, "/verknuepfen", Map.of("appealId", String.valueOf(foreign.id())));
        assertStatus(422, refused);
        assertEquals(
                "Diesen Aufruf gibt es in Ihrer Organisation nicht.",
                refused.doc().selectFirst(".notice.bad").text());
        assertTrue(allianceAppeals.allianceOf(foreign.id()).isEmpty());

        link();
        assertEquals(alliance.id(), allianceAppeals.allianceOf(appeal.id()).orElseThrow());
        Web.Page linked = web.get(appeals + "?ok=linked");
        assertEquals(1, linked.doc().select("li[data-appeal=" + appeal.id() + "]").size());

        // only the mayors (Oberbürgermeister:in) first
        Web.Page mayors = choose("r:LORD_MAYOR");
        assertEquals(
                "1 von 1 Kontakt wird eingeladen",
                mayors.doc().selectFirst(".preview-counts").text());
        assertStatus(303, submit(web, mayors, "/einladen?", Map.of()));
        assertEquals(List.of(addr("anna")), invited());
        Map<String, Object> audit =
                db.row(
                        "SELECT details FROM audit_entry WHERE appeal_id = ?"
                                + " AND action = 'ALLIANCE_MEMBERS_INVITED'",
                        appeal.id());
        assertTrue(audit.get("details").toString().contains("\"invited\":1"), audit.toString());

        // then one body
        Web.Page council = choose("b:Stadtrat");
        assertEquals(
                List.of("ohne Gremium", "Rathaus", "Stadtrat"),
                texts(council, "fieldset:has(input[name^=b:]) label"),
                "the bodies today's members' contacts have");
        assertTrue(council.doc().selectFirst("input[name='b:Stadtrat']").hasAttr("checked"));
        assertStatus(303, submit(web, council, "/einladen?", Map.of()));
        assertEquals(List.of(addr("anna"), addr("bert")), invited());

        // then everyone: the two invited already and the contact abroad are left out, with why
        Web.Page all = choose();
        assertEquals(
                "2 von 5 Kontakten werden eingeladen",
                all.doc().selectFirst(".preview-counts").text());
        assertEquals(
                List.of(
                        "2 Kontakte sind schon eingeladen",
                        "1 Kontakt im Ausland (Einladungen füllen eine deutsche Kommune oder einen Landkreis aus)"),
                texts(all, "ul.skips li"));
        assertStatus(303, submit(web, all, "/einladen?", Map.of()));
        assertEquals(List.of(addr("anna"), addr("bert"), addr("cora"), addr("flo")), invited());
        assertEquals(
                "06631",
                db.row("SELECT municipality_ags FROM invitation WHERE email = ?", addr("cora"))
                        .get("municipality_ags"),
                "a Landkreis by its key, as invitation lists give it");
        MimeMessage cora = TestSmtp.awaitMessagesTo(addr("cora"), 1, WAIT).get(0);
        assertTrue(Mails.text(cora).contains("Landkreis Fulda"), Mails.text(cora));

        // a member that joins later: the same action invites only its contact
        MemberPlace kiel = data.member(alliance, "01002000", "DE", "2026-01-15", null);
        data.contact(alliance, kiel, "Kim Kiel", SignerRole.LORD_MAYOR, addr("kim"), "");
        Web.Page later = choose();
        assertEquals(
                "1 von 6 Kontakten wird eingeladen",
                later.doc().selectFirst(".preview-counts").text());
        assertStatus(303, submit(web, later, "/einladen?", Map.of()));
        assertEquals(5, invited().size());
        assertTrue(invited().contains(addr("kim")));
        // nothing left to invite: no button
        assertEquals(0, choose().doc().select("form[method=post][action*=/einladen]").size());

        // unlinking keeps invitations and signatures
        Web.Page before = web.get(appeals);
        assertStatus(303, submit(web, before, "/" + appeal.id() + "/loesen", Map.of()));
        assertTrue(allianceAppeals.allianceOf(appeal.id()).isEmpty());
        assertEquals(5, invited().size());
        assertStatus(404, web.get(invitePath()));
    }

    /** Signs through the latest invitation link mailed to {@code email}, as InvitationTest does. */
    void signThroughInvitation(String email, int mails) {
        List<MimeMessage> received = TestSmtp.awaitMessagesTo(email, mails, WAIT);
        String path = Mails.link(received.get(mails - 1), "/einladung/");
        Web browser = new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
        Web.Page form = browser.get(path);
        assertStatus(200, form);
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.doc().select("form.stack input[name], form.stack select[name]")) {
            if (input.tagName().equals("select")) {
                Element selected = input.selectFirst("option[selected]");
                fields.put(input.attr("name"), selected == null ? "" : selected.attr("value"));
            } else if (!input.attr("type").equals("checkbox")) {
                fields.put(input.attr("name"), input.attr("value"));
            }
        }
        fields.put("privacy", "on");
        Web.Page answer = browser.post(form.doc().selectFirst("form.stack").attr("action"), fields);
        assertStatus(303, answer);
        String confirm = answer.header("Location");
        assertTrue(confirm.startsWith("/bestaetigen/"), confirm);
        Web.Page page = browser.get(confirm);
        assertStatus(200, browser.post(confirm, formFields(page, "/bestaetigen/")));
    }

    String share(String lang) {
        Document page = new Web(base).get("/aufrufe/" + appeal.slug() + lang).doc();
        Element share = page.selectFirst(".alliance-share span");
        return share == null ? null : share.text();
    }

    String municipalities() {
        return new Web(base)
                .get("/aufrufe/" + appeal.slug())
                .doc()
                .selectFirst(".counts .count .n")
                .text();
    }

    @Test
    void theAppealPageSaysNOfMTheDashboardEachMemberAndAMemberThatLeftLeavesBoth() {
        link();
        assertStatus(303, submit(web, choose(), "/einladen?", Map.of()));
        assertEquals("0 von 4 Mitgliedern haben unterzeichnet", share(""));
        assertEquals("0 of 4 members have signed", share("?lang=en"));

        signThroughInvitation(addr("anna"), 1);
        assertEquals("1 von 4 Mitgliedern hat unterzeichnet", share(""));
        assertEquals("1 of 4 members has signed", share("?lang=en"));
        // a second official of the same member: still one member
        signThroughInvitation(addr("bert"), 1);
        assertEquals("1 von 4 Mitgliedern hat unterzeichnet", share(""));
        // Fulda's contact only opens the link
        String coraLink =
                Mails.link(TestSmtp.awaitMessagesTo(addr("cora"), 1, WAIT).get(0), "/einladung/");
        assertStatus(200, new Web(base).get(coraLink));

        // a city that is no member, invited with an ordinary list: it counts for the appeal, not in
        // N
        String frankfurt = addr("frank");
        byte[] list =
                ("Name;E-Mail;Funktion;Gemeinde\nFrank Furt;" + frankfurt + ";MAYOR;06412000\n")
                        .getBytes(StandardCharsets.UTF_8);
        String upload = "/verwaltung/aufrufe/" + appeal.id() + "/einladungen";
        Web.Page preview =
                web.postFile(
                        Web.csrf(web.get(upload)), upload + "/vorschau", "file", "l.csv", list);
        assertStatus(303, submit(web, preview, "/einladungen/senden", Map.of()));
        signThroughInvitation(frankfurt, 1);
        assertEquals("2", municipalities(), "München and Frankfurt support the appeal");
        assertEquals("1 von 4 Mitgliedern hat unterzeichnet", share(""));

        // the public page names no member that has not signed
        String publicText = new Web(base).get("/aufrufe/" + appeal.slug()).text();
        assertFalse(publicText.contains("Flensburg"), "Flensburg has not signed");
        assertFalse(publicText.contains("Zürich"), "Zürich has not signed");

        // the supporters page marks the members among the supporters
        Document supporters =
                new Web(base).get("/aufrufe/" + appeal.slug() + "/unterstuetzer").doc();
        assertEquals(List.of("München"), marked(supporters));
        assertTrue(
                supporters.selectFirst(".marked-legend").text().contains(alliance.name()),
                supporters.selectFirst(".marked-legend").text());
        assertEquals(
                List.of("Member"),
                new Web(base)
                        .get("/aufrufe/" + appeal.slug() + "/unterstuetzer?lang=en")
                        .doc()
                        .select(".places .mark")
                        .eachText());

        // the organiser's dashboard: every member with where it stands
        Web.Page dashboard = web.get("/verwaltung/aufrufe/" + appeal.id() + "/uebersicht");
        assertStatus(200, dashboard);
        assertEquals(
                "1 von 4 Mitgliedern hat unterzeichnet",
                dashboard.doc().selectFirst(".alliance-members .lead").text());
        assertEquals(
                Map.of(
                        muenchen.id(), "SIGNED",
                        fulda.id(), "OPENED",
                        flensburg.id(), "INVITED",
                        zuerich.id(), "NOT_YET"),
                states(dashboard));
        Element m = dashboard.doc().selectFirst("tr[data-member=" + q(muenchen.id()) + "]");
        assertEquals(
                List.of("2", "2", "2"),
                m.select("td.num").eachText(),
                "München: two invited, both opened their link and signed");
        Element f = dashboard.doc().selectFirst("tr[data-member=" + q(fulda.id()) + "]");
        assertEquals(List.of("1", "1", "0"), f.select("td.num").eachText());
        assertEquals(
                List.of(
                        "1 Mitglied hat unterzeichnet",
                        "1 Mitglied hat den Link geöffnet",
                        "1 Mitglied ist eingeladen",
                        "1 Mitglied ist noch nicht eingeladen"),
                texts(dashboard, ".member-states li"));

        // München leaves today: it no longer counts as member, but its signatures stay
        Member membership =
                memberships.onDay(alliance.id(), LocalDate.of(2026, 1, 15)).stream()
                        .filter(x -> x.place().equals(muenchen))
                        .findFirst()
                        .orElseThrow();
        assertTrue(
                memberships
                        .end(alliance, membership.id(), LocalDate.of(2026, 1, 15), Actor.system())
                        .ok());
        assertEquals("0 von 3 Mitgliedern haben unterzeichnet", share(""));
        assertEquals("0 of 3 members have signed", share("?lang=en"));
        assertEquals("2", municipalities(), "its signatures still count for the appeal");
        assertEquals(
                List.of(),
                marked(new Web(base).get("/aufrufe/" + appeal.slug() + "/unterstuetzer").doc()));
        Web.Page after = web.get("/verwaltung/aufrufe/" + appeal.id() + "/uebersicht");
        assertNull(states(after).get(muenchen.id()));
        assertEquals(3, states(after).size());
    }

    @Test
    void aNonPublicAlliancesAppealShowsNoNOfMButTheDashboardDoes() {
        Alliance hidden = data.alliance(city, false);
        data.member(hidden, "09162000", "DE", "2019-06-14", null);
        assertTrue(allianceAppeals.link(hidden, appeal, Actor.system()));
        assertNull(share(""));
        assertNull(
                new Web(base)
                        .get("/aufrufe/" + appeal.slug() + "/unterstuetzer")
                        .doc()
                        .selectFirst(".marked-legend"));
        Web admin = accounts.signedIn(base, accounts.admin());
        Web.Page dashboard = admin.get("/verwaltung/aufrufe/" + appeal.id() + "/uebersicht");
        assertEquals(Map.of(muenchen.id(), "NOT_YET"), states(dashboard));
    }

    @Test
    void anotherOrganisationsOrganiserCannotLinkOrInvite() {
        assertTrue(allianceAppeals.link(alliance, appeal, Actor.system()));
        Web other = accounts.signedIn(base, accounts.organiser(fixtures.organiser("Fremde")));
        assertEquals(403, other.get(appeals).status());
        assertEquals(403, other.get(invitePath()).status());
        Web.Page post =
                other.postWithToken(other.csrfToken(), invitePath(), Map.of("language", "de"));
        assertEquals(403, post.status());
        Web.Page unlink =
                other.postWithToken(
                        other.csrfToken(), appeals + "/" + appeal.id() + "/loesen", Map.of());
        assertEquals(403, unlink.status());
        assertEquals(List.of(), invited());
        assertTrue(allianceAppeals.allianceOf(appeal.id()).isPresent());
        // nor see the appeal's dashboard with the members
        assertEquals(403, other.get("/verwaltung/aufrufe/" + appeal.id() + "/uebersicht").status());
    }

    static String q(String value) {
        return "\"" + value + "\"";
    }

    static List<String> marked(Document supporters) {
        return supporters.select(".places > li").stream()
                .filter(li -> li.selectFirst(".mark") != null)
                .map(li -> li.selectFirst(".place").text())
                .toList();
    }

    static Map<String, String> states(Web.Page dashboard) {
        Map<String, String> out = new LinkedHashMap<>();
        dashboard
                .doc()
                .select("tr[data-member]")
                .forEach(tr -> out.put(tr.attr("data-member"), tr.attr("data-state")));
        return out;
    }
}
