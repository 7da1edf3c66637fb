package de.mitzeichnen.alliance;

import static de.mitzeichnen.alliance.JoinTestSupport.FRANKFURT;
import static de.mitzeichnen.alliance.JoinTestSupport.confirmLink;
import static de.mitzeichnen.alliance.JoinTestSupport.declare;
import static de.mitzeichnen.alliance.JoinTestSupport.email;
import static de.mitzeichnen.alliance.JoinTestSupport.mails;
import static de.mitzeichnen.alliance.JoinTestSupport.pressButton;
import static de.mitzeichnen.alliance.JoinTestSupport.validForm;
import static de.mitzeichnen.alliance.JoinTestSupport.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.municipality.MailDomains;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.security.Account;
import de.mitzeichnen.signing.Tokens;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Eventually;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Joining an alliance through the platform, through HTTP against the real database and a real SMTP
 * server: the form, the mailed link (GET shows, POST confirms), the organiser's decision in the
 * console, the membership it stores, the one mail about it, and everything that must be refused.
 */
@MicronautTest(transactional = false)
class JoinFlowTest {

    static final Instant NOW = Instant.parse("2025-11-20T10:00:00Z");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject ConsoleAccounts accounts;
    @Inject Alliances alliances;
    @Inject Memberships memberships;
    @Inject AllianceStats stats;
    @Inject MailDomains domains;
    @Inject JoinRetention retention;
    @Inject TestClock clock;
    @Inject Db db;

    URI base;
    Web visitor;
    Organiser organiser;
    Alliance alliance;
    Account account;
    Web console;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        base = URI.create(server.getURL().toString());
        visitor = new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
        organiser = fixtures.organiser("Stadt Potsdam");
        account = accounts.organiser(organiser);
        alliance = JoinTestSupport.publicAlliance(alliances, organiser, account);
        console = accounts.signedIn(base, account);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    Map<String, Object> row(String email) {
        return db.row(
                "SELECT * FROM alliance_join WHERE alliance_id = ? AND email = ?",
                alliance.id(),
                email);
    }

    long rows() {
        return db.count("SELECT COUNT(*) FROM alliance_join WHERE alliance_id = ?", alliance.id());
    }

    String officialDomain() {
        String domain = "rathaus-" + UUID.randomUUID().toString().substring(0, 8) + ".de";
        domains.addDomain(FRANKFURT, domain, "console", true);
        return domain;
    }

    String listPath() {
        return "/verwaltung/buendnisse/" + alliance.id() + "/beitritte";
    }

    String detailPath(Object joinId) {
        return listPath() + "/" + joinId;
    }

    @Test
    void anOfficialOnTheOfficialDomainJoinsAndTheOrganiserAccepts() {
        String email = email(officialDomain());
        Web.Page form = visitor.get("/buendnisse/" + alliance.slug() + "/beitreten");
        assertEquals(200, form.status());
        assertNull(form.header("Set-Cookie"), "a public page sets no cookie");
        assertTrue(
                form.text().contains("Beitritt zum Bündnis „" + alliance.name() + "“ erklären"),
                form.text());
        assertNotNull(form.doc().selectFirst("input#municipality[data-typeahead]"));

        Web.Page answer = declare(visitor, alliance, validForm(email), "de");
        assertEquals(303, answer.status(), answer.text());
        String pending = "/buendnisse/" + alliance.slug() + "/beitreten/bitte-bestaetigen?lang=de";
        assertEquals(pending, answer.header("Location"));
        assertTrue(
                visitor.get(pending)
                        .text()
                        .contains("Bitte bestätigen Sie den Beitritt per E-Mail"));

        Map<String, Object> stored = row(email);
        assertEquals("PENDING_CONFIRMATION", stored.get("state"));
        assertEquals("Erika Mustermann", stored.get("name"));
        assertEquals("LORD_MAYOR", stored.get("role"));
        assertEquals(FRANKFURT, stored.get("municipality_ags"));
        assertEquals("Stadtratsbeschluss", stored.get("decision_kind"));
        assertEquals("de", stored.get("language"));
        assertNotNull(stored.get("privacy_version"));

        MimeMessage confirmMail = mails(email, 1).get(0);
        assertEquals(
                "Bitte bestätigen Sie den Beitritt: " + alliance.name(),
                Mails.subject(confirmMail));
        String text = Mails.text(confirmMail);
        assertTrue(text.contains("Frankfurt am Main"), text);
        assertTrue(
                text.contains("Stadtratsbeschluss vom 18.12.2019, Antrag Nr. 20-26 / A 05689"),
                text);
        String link = confirmLink(confirmMail);
        String token = link.substring(JoinPages.CONFIRM.length());
        assertEquals(Tokens.hash(token), stored.get("confirm_token_hash"));
        assertNotEquals(token, stored.get("confirm_token_hash"), "only the hash is stored");

        for (int i = 0; i < 2; i++) {
            Web.Page look = visitor.get(link);
            assertEquals(200, look.status());
            assertEquals("no-referrer", look.header("Referrer-Policy"));
            assertTrue(look.text().contains("Erika Mustermann"), look.text());
            assertTrue(look.text().contains("Oberbürgermeister:in"));
            assertTrue(look.text().contains("Frankfurt am Main"));
            assertNotNull(
                    look.doc().selectFirst("button:containsOwn(Beitritt verbindlich erklären)"));
        }
        assertEquals("PENDING_CONFIRMATION", row(email).get("state"), "GET changes nothing");

        Web.Page thanks = pressButton(visitor, link);
        assertEquals(200, thanks.status());
        assertTrue(
                thanks.text().contains("Vielen Dank – Ihre Beitrittserklärung ist bestätigt"),
                thanks.text());
        assertFalse(thanks.text().contains("wird geprüft"), thanks.text());
        Map<String, Object> confirmed = row(email);
        assertEquals("CONFIRMED", confirmed.get("state"));
        assertEquals("OFFICIAL_DOMAIN", confirmed.get("domain_trust"));
        assertTrue(
                pressButton(visitor, link)
                        .text()
                        .contains("Sie hatten diese Erklärung schon bestätigt"));
        assertTrue(memberships.all(alliance.id()).isEmpty(), "nothing public before acceptance");
        assertEquals(0, stats.counts(alliance.id()).members());

        Web.Page inbox = console.get("/verwaltung/beitritte");
        assertEquals(200, inbox.status());
        assertTrue(inbox.text().contains("Frankfurt am Main"), inbox.text());
        assertTrue(inbox.text().contains(alliance.name()), inbox.text());
        Web.Page detail = console.get(detailPath(confirmed.get("id")));
        assertEquals(200, detail.status());
        assertTrue(detail.text().contains("amtliche Adresse der Kommune"), detail.text());
        assertNull(detail.doc().selectFirst("input[name=method]"), "no check to state");

        Web.Page accepted =
                console.postForm(
                        detailPath(confirmed.get("id")),
                        detailPath(confirmed.get("id")) + "/annehmen",
                        Map.of());
        assertEquals(303, accepted.status(), accepted.text());
        assertEquals(listPath() + "?ok=accepted", accepted.header("Location"));
        assertTrue(
                console.get(accepted.header("Location"))
                        .text()
                        .contains("Angenommen: Die Kommune ist als Mitglied eingetragen"));

        List<Member> members = memberships.onDay(alliance.id(), LocalDate.of(2025, 11, 20));
        assertEquals(1, members.size());
        assertEquals(MemberPlace.municipality(FRANKFURT), members.get(0).place());
        assertEquals(LocalDate.of(2019, 12, 18), members.get(0).joinedOn());
        assertEquals(
                "Stadtratsbeschluss vom 18.12.2019, Antrag Nr. 20-26 / A 05689",
                members.get(0).basis());
        assertEquals(1, stats.counts(alliance.id()).municipalities(), "public numbers");
        Map<String, Object> decided = row(email);
        assertEquals("ACCEPTED", decided.get("state"));
        assertEquals(members.get(0).id(), ((Number) decided.get("member_id")).longValue());
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'ALLIANCE_JOIN_ACCEPTED'"
                                + " AND organiser_id = ? AND details LIKE ?",
                        organiser.id(),
                        "%Frankfurt am Main (06412000)%"));

        MimeMessage acceptedMail = mails(email, 2).get(1);
        assertEquals("Beitritt angenommen: " + alliance.name(), Mails.subject(acceptedMail));
        String acceptedText = Mails.text(acceptedMail);
        assertTrue(
                acceptedText.contains(
                        "Frankfurt am Main ist ab 18. Dezember 2019 Mitglied des Bündnisses"),
                acceptedText);
        assertTrue(acceptedText.contains("/buendnisse/" + alliance.slug()), acceptedText);
        Eventually.never(
                "a third mail", Duration.ofSeconds(1), () -> TestSmtp.messagesTo(email).size() > 2);

        assertTrue(
                visitor.get(link).text().contains("Der Beitritt ist angenommen"),
                "the link tells where it stands");
    }

    @Test
    void freeMailWaitsForTheOrganisersCheck() {
        String email = email("gmail.com");
        assertEquals(303, declare(visitor, alliance, validForm(email), "de").status());
        String link = confirmLink(mails(email, 1).get(0));
        Web.Page thanks = pressButton(visitor, link);
        assertTrue(thanks.text().contains("ist bestätigt und wird geprüft"), thanks.text());
        assertTrue(
                thanks.text()
                        .contains(
                                "Ihre Adresse ist nicht als amtliche Adresse von Frankfurt am"
                                        + " Main eingetragen"),
                thanks.text());
        Map<String, Object> waiting = row(email);
        assertEquals("AWAITING_CHECK", waiting.get("state"));
        assertEquals("FREEMAIL", waiting.get("domain_trust"));

        String detail = detailPath(waiting.get("id"));
        Web.Page page = console.get(detail);
        assertTrue(page.text().contains("Adresse eines freien Anbieters"), page.text());
        Web.Page unchecked = console.postForm(detail, detail + "/annehmen", Map.of());
        assertEquals(422, unchecked.status());
        assertTrue(
                unchecked.text().contains("Bitte geben Sie an, wie Sie geprüft haben"),
                unchecked.text());
        assertTrue(unchecked.doc().title().startsWith("Fehler: "), unchecked.doc().title());
        assertEquals("AWAITING_CHECK", row(email).get("state"), "nothing changed");
        assertTrue(memberships.all(alliance.id()).isEmpty());

        Web.Page accepted =
                console.postForm(detail, detail + "/annehmen", Map.of("method", "PHONE"));
        assertEquals(303, accepted.status(), accepted.text());
        Map<String, Object> decided = row(email);
        assertEquals("ACCEPTED", decided.get("state"));
        assertEquals("PHONE", decided.get("check_method"));
        assertEquals(1, memberships.all(alliance.id()).size());
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'ALLIANCE_JOIN_ACCEPTED'"
                                + " AND organiser_id = ? AND details LIKE '%PHONE%'",
                        organiser.id()));
        assertEquals(
                "Beitritt angenommen: " + alliance.name(), Mails.subject(mails(email, 2).get(1)));
    }

    @Test
    void theOrganiserDeclinesWithAReasonInTheDeclarantsLanguage() {
        String email = email("posteo.de");
        Web english = new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
        Web.Page answer = declare(english, alliance, validForm(email), "en");
        assertEquals(303, answer.status(), answer.text());
        assertTrue(
                english.get(answer.header("Location"))
                        .text()
                        .contains("Please confirm joining by e-mail"));
        MimeMessage confirmMail = mails(email, 1).get(0);
        assertEquals("Please confirm joining: " + alliance.name(), Mails.subject(confirmMail));
        assertTrue(
                Mails.text(confirmMail).contains("Stadtratsbeschluss of 18.12.2019"),
                Mails.text(confirmMail));
        String link = confirmLink(confirmMail);
        Web.Page thanks = english.post(link + "?lang=en", Map.of());
        assertTrue(thanks.text().contains("is confirmed and will be checked"), thanks.text());
        Object id = row(email).get("id");

        String detail = detailPath(id);
        Web.Page empty = console.postForm(detail, detail + "/ablehnen", Map.of("reason", " "));
        assertEquals(422, empty.status());
        assertTrue(empty.text().contains("Bitte geben Sie einen Grund an"), empty.text());
        assertEquals("AWAITING_CHECK", row(email).get("state"));

        String reason = "Uns liegt kein Beschluss des Stadtrats vor.";
        Web.Page declined =
                console.postForm(detail, detail + "/ablehnen", Map.of("reason", reason));
        assertEquals(303, declined.status(), declined.text());
        assertEquals(listPath() + "?ok=declined", declined.header("Location"));
        Map<String, Object> stored = row(email);
        assertEquals("DECLINED", stored.get("state"));
        assertEquals(reason, stored.get("decline_reason"));
        assertTrue(memberships.all(alliance.id()).isEmpty(), "no membership");
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'ALLIANCE_JOIN_DECLINED'"
                                + " AND organiser_id = ? AND details LIKE ?",
                        organiser.id(),
                        "%kein Beschluss%"));

        MimeMessage declinedMail = mails(email, 2).get(1);
        assertEquals("Joining not accepted: " + alliance.name(), Mails.subject(declinedMail));
        String text = Mails.text(declinedMail);
        assertTrue(text.contains("Reason: " + reason), text);
        assertTrue(text.contains("buendnis@stadt.example"), text);
        assertTrue(text.contains("was reviewed and not accepted"), text);

        // decided is decided: accepting now changes nothing and mails nobody
        Web.Page late =
                console.postWithToken(
                        console.csrfToken(), detail + "/annehmen", Map.of("method", "PHONE"));
        assertEquals(409, late.status(), late.text());
        assertTrue(late.text().contains("Über diese Erklärung ist schon entschieden"));
        assertEquals("DECLINED", row(email).get("state"));
        assertTrue(memberships.all(alliance.id()).isEmpty());
        Eventually.never(
                "a third mail", Duration.ofSeconds(1), () -> TestSmtp.messagesTo(email).size() > 2);
        assertTrue(english.get(link + "?lang=en").text().contains("Joining was not accepted"));
    }

    @Test
    void aCityAbroadJoinsAfterTheCheckAndIsCreatedOnlyThen() {
        String email = email("stadt-abroad.example");
        String city =
                "Ort "
                        + UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 5)
                        + "heim";
        Map<String, String> form =
                with(validForm(email), "country", "CH", "municipality", city, "role", "MAYOR");
        assertEquals(303, declare(visitor, alliance, form, "de").status());
        assertEquals(
                0,
                db.count("SELECT COUNT(*) FROM foreign_municipality WHERE name = ?", city),
                "what someone typed is stored nowhere public before acceptance");
        pressButton(visitor, confirmLink(mails(email, 1).get(0)));
        Map<String, Object> waiting = row(email);
        assertEquals("AWAITING_CHECK", waiting.get("state"), "no official domains abroad");
        assertEquals("UNKNOWN", waiting.get("domain_trust"));
        assertEquals("CH", waiting.get("foreign_country"));

        String detail = detailPath(waiting.get("id"));
        assertTrue(console.get(detail).text().contains(city + " (Schweiz)"));
        assertEquals(
                303,
                console.postForm(detail, detail + "/annehmen", Map.of("method", "LETTER"))
                        .status());
        Member member = memberships.all(alliance.id()).get(0);
        assertEquals(MemberPlace.Kind.FOREIGN, member.place().kind());
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM foreign_municipality WHERE name = ? AND id = ?",
                        city,
                        member.place().foreignId()));
        assertEquals(1, stats.counts(alliance.id()).abroad());
    }

    @Test
    void anAcceptanceTheMembershipRulesRefuseStoresNothing() {
        String domain = officialDomain();
        String first = email(domain);
        String second = email(domain);
        declare(visitor, alliance, validForm(first), "de");
        declare(
                visitor,
                alliance,
                with(validForm(second), "decidedOn", "2021-03-01", "decisionNumber", ""),
                "de");
        pressButton(visitor, confirmLink(mails(first, 1).get(0)));
        pressButton(visitor, confirmLink(mails(second, 1).get(0)));
        Object firstId = row(first).get("id");
        Object secondId = row(second).get("id");
        assertEquals(
                303,
                console.postForm(detailPath(firstId), detailPath(firstId) + "/annehmen", Map.of())
                        .status());

        Web.Page refused =
                console.postForm(
                        detailPath(secondId), detailPath(secondId) + "/annehmen", Map.of());
        assertEquals(422, refused.status(), refused.text());
        assertTrue(
                refused.text().contains("So kann die Mitgliedschaft nicht eingetragen werden"),
                refused.text());
        assertTrue(refused.text().contains("schon Mitglied – seit 18.12.2019"), refused.text());
        assertEquals("CONFIRMED", row(second).get("state"), "still open");
        assertEquals(1, memberships.all(alliance.id()).size(), "nothing stored");
        assertEquals(
                0,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'ALLIANCE_JOIN_ACCEPTED'"
                                + " AND details LIKE ?",
                        "%2021-03-01%"));
        Eventually.never(
                "a decision mail",
                Duration.ofMillis(800),
                () -> TestSmtp.messagesTo(second).size() > 1);

        assertEquals(
                303,
                console.postForm(
                                detailPath(secondId),
                                detailPath(secondId) + "/ablehnen",
                                Map.of("reason", "Frankfurt ist schon Mitglied."))
                        .status());
        assertEquals("DECLINED", row(second).get("state"));
        assertEquals(
                "Beitritt nicht angenommen: " + alliance.name(),
                Mails.subject(mails(second, 2).get(1)));
    }

    @Test
    void everyBadInputIsRefusedWithAMessageAndNothingIsStored() {
        String email = email("gmail.com");
        Web.Page empty =
                visitor.post(
                        "/buendnisse/" + alliance.slug() + "/beitreten?lang=de",
                        Map.of("country", "DE"));
        assertEquals(422, empty.status());
        assertTrue(empty.doc().title().startsWith("Fehler: "), empty.doc().title());
        List<String> links =
                empty.doc().select(".error-summary a").eachAttr("href").stream().toList();
        assertEquals(
                List.of(
                        "#name",
                        "#role",
                        "#municipality",
                        "#decisionKind",
                        "#decidedOn",
                        "#email",
                        "#privacy"),
                links,
                empty.text());
        assertTrue(empty.text().contains("Bitte geben Sie Ihren Namen an."));
        assertTrue(empty.text().contains("Bitte geben Sie das Datum des Beschlusses an"));

        Map<String, String> valid = validForm(email);
        String limit = "20.11.2026";
        Object[][] cases = {
            {
                with(valid, "municipality", "Atlantis"),
                "municipality",
                "gibt es im Gemeindeverzeichnis nicht"
            },
            {
                with(valid, "role", "DISTRICT_ADMINISTRATOR"),
                "role",
                "Diese Funktion gehört zu einem Landkreis"
            },
            {
                with(valid, "municipality", "06631"),
                "role",
                "Für einen Landkreis erklären Landrät:innen"
            },
            {
                with(valid, "privacy", ""),
                "privacy",
                "Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben"
            },
            {
                with(valid, "decidedOn", "2026-11-22"),
                "decidedOn",
                "mehr als ein Jahr in der Zukunft (spätestens " + limit + ")"
            },
            {with(valid, "decidedOn", "2019-02-31"), "decidedOn", "gültiges Datum"},
            {with(valid, "role", "OTHER"), "roleOther", "Bitte beschreiben Sie Ihre Funktion"},
            {with(valid, "decisionKind", "=HYPERLINK(1)"), "decisionKind", "Bitte nur Text"},
            {with(valid, "email", "müller@kiel.de"), "email", "Adressen mit Umlauten vor dem @"},
            {
                with(valid, "municipality", "Neustadt"),
                "municipality",
                "mehrere Kommunen mit diesem Namen"
            },
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Map<String, String> fields = (Map<String, String>) c[0];
            Web.Page page =
                    visitor.post("/buendnisse/" + alliance.slug() + "/beitreten?lang=de", fields);
            assertEquals(422, page.status(), c[1] + ": " + page.text());
            Document doc = page.doc();
            assertEquals(
                    1,
                    doc.select(".error-summary li").size(),
                    c[1] + ": " + doc.select(".error-summary").text());
            assertTrue(
                    doc.selectFirst("#" + c[1] + "-error, #municipality-choice-error") != null,
                    c[1] + " has its message: " + page.text());
            assertTrue(
                    doc.select(".error-summary").text().contains((String) c[2]),
                    c[1] + ": " + doc.select(".error-summary").text());
            // values are kept as typed
            assertEquals(fields.get("name"), doc.selectFirst("#name").attr("value"));
        }
        Web.Page english =
                visitor.post(
                        "/buendnisse/" + alliance.slug() + "/beitreten?lang=en",
                        with(valid, "role", "DISTRICT_ADMINISTRATOR"));
        assertEquals(422, english.status());
        assertTrue(english.doc().title().startsWith("Error: "), english.doc().title());
        assertTrue(english.text().contains("This office belongs to a district"), english.text());

        // a place that is a member already: said at once, as the acceptance would
        memberships.add(
                alliance,
                new Memberships.NewMember(
                        new MemberTarget.Municipality(FRANKFURT, null),
                        LocalDate.of(2020, 1, 1),
                        null,
                        null,
                        null),
                Actor.system());
        Web.Page member =
                visitor.post("/buendnisse/" + alliance.slug() + "/beitreten?lang=de", valid);
        assertEquals(422, member.status());
        assertTrue(member.text().contains("schon Mitglied – seit 01.01.2020"), member.text());

        assertEquals(0, rows(), "nothing stored");
        Eventually.never(
                "a mail", Duration.ofMillis(500), () -> !TestSmtp.messagesTo(email).isEmpty());
    }

    @Test
    void anotherOrganisationsOrganiserGets403AndChangesNothing() {
        String email = email("gmail.com");
        declare(visitor, alliance, validForm(email), "de");
        pressButton(visitor, confirmLink(mails(email, 1).get(0)));
        Object id = row(email).get("id");
        Web other = accounts.signedIn(base, accounts.organiser(fixtures.organiser("Stadt Fremd")));

        assertEquals(403, other.get(listPath()).status());
        assertEquals(403, other.get(detailPath(id)).status());
        Web.Page accept =
                other.postWithToken(
                        other.csrfToken(), detailPath(id) + "/annehmen", Map.of("method", "PHONE"));
        assertEquals(403, accept.status());
        Web.Page decline =
                other.postWithToken(
                        other.csrfToken(), detailPath(id) + "/ablehnen", Map.of("reason", "Nein"));
        assertEquals(403, decline.status());
        assertFalse(other.get("/verwaltung/beitritte").text().contains(alliance.name()));

        assertEquals("AWAITING_CHECK", row(email).get("state"));
        assertTrue(memberships.all(alliance.id()).isEmpty());
        Eventually.never(
                "a decision mail",
                Duration.ofMillis(500),
                () -> TestSmtp.messagesTo(email).size() > 1);
        // the own organiser still sees it; an unconfirmed one is nobody's business yet
        assertEquals(200, console.get(detailPath(id)).status());
        String unconfirmed = email("gmail.com");
        declare(visitor, alliance, validForm(unconfirmed), "de");
        assertEquals(404, console.get(detailPath(row(unconfirmed).get("id"))).status());
    }

    @Test
    void linksAreOneUseExpireAndAreReplacedByANewerOne() {
        String email = email("gmail.com");
        declare(visitor, alliance, validForm(email), "de");
        String first = confirmLink(mails(email, 1).get(0));
        // the same address again before confirming: fresh data, fresh link, the old one is void
        declare(visitor, alliance, with(validForm(email), "name", "Erika Musterfrau"), "de");
        String second = confirmLink(mails(email, 2).get(1));
        assertNotEquals(first, second);
        assertEquals(1, rows(), "one declaration per address");
        Web.Page old = visitor.get(first);
        assertEquals(404, old.status());
        assertTrue(old.text().contains("Diesen Bestätigungslink kennen wir nicht"), old.text());
        assertEquals(404, pressButton(visitor, first).status());
        assertEquals("PENDING_CONFIRMATION", row(email).get("state"));
        assertEquals(404, visitor.get(JoinPages.CONFIRM + "nonsense").status());

        clock.advance(Duration.ofDays(8));
        Web.Page expired = visitor.get(second);
        assertEquals(410, expired.status());
        assertTrue(expired.text().contains("Dieser Bestätigungslink ist abgelaufen"));
        assertEquals(410, pressButton(visitor, second).status());
        assertEquals("PENDING_CONFIRMATION", row(email).get("state"), "expired: not confirmed");

        clock.advance(Duration.ofDays(2));
        retention.run();
        assertEquals(0, rows(), "never confirmed: deleted after the grace");
        assertEquals(404, visitor.get(second).status());
    }

    @Test
    void personalDataOfADecidedDeclarationAreErasedAfterTheRetentionDays() {
        String email = email(officialDomain());
        declare(visitor, alliance, validForm(email), "de");
        String link = confirmLink(mails(email, 1).get(0));
        pressButton(visitor, link);
        Object id = row(email).get("id");
        assertEquals(
                303,
                console.postForm(detailPath(id), detailPath(id) + "/annehmen", Map.of()).status());

        clock.advance(Duration.ofDays(179));
        retention.run();
        assertNotNull(row(email), "kept within the retention days");

        clock.advance(Duration.ofDays(2));
        retention.run();
        Map<String, Object> erased = db.row("SELECT * FROM alliance_join WHERE id = ?", id);
        assertEquals("ACCEPTED", erased.get("state"));
        assertNull(erased.get("name"));
        assertNull(erased.get("email"));
        assertNull(erased.get("email_key"));
        assertNull(erased.get("confirm_token_hash"));
        assertNotNull(erased.get("erased_at"));
        assertEquals(FRANKFURT, erased.get("municipality_ags"), "the place stays");
        assertEquals(1, memberships.all(alliance.id()).size(), "the membership stays");
        assertEquals(404, visitor.get(link).status(), "the link is gone with the data");
        // half a year later: a new session
        Web.Page detail = accounts.signedIn(base, account).get(detailPath(id));
        assertTrue(detail.text().contains("(gelöscht)"), detail.text());
    }

    @Test
    void aNonPublicOrUnknownAllianceTakesNoDeclarations() {
        assertEquals(404, visitor.get("/buendnisse/gibt-es-nicht/beitreten").status());
        db.update("UPDATE alliance SET public_page = FALSE WHERE id = ?", alliance.id());
        String path = "/buendnisse/" + alliance.slug() + "/beitreten";
        Eventually.await(
                "the alliance no longer public",
                Duration.ofSeconds(5),
                () -> visitor.get(path).status() == 404);
        assertEquals(404, visitor.post(path, validForm(email("gmail.com"))).status());
        assertEquals(0, rows());
    }
}
