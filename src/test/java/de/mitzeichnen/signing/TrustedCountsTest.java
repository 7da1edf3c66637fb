package de.mitzeichnen.signing;

import static de.mitzeichnen.signing.SigningTestSupport.link;
import static de.mitzeichnen.signing.SigningTestSupport.mails;
import static de.mitzeichnen.signing.SigningTestSupport.pressButton;
import static de.mitzeichnen.signing.SigningTestSupport.sign;
import static de.mitzeichnen.signing.SigningTestSupport.subject;
import static de.mitzeichnen.signing.SigningTestSupport.validForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.counting.SupportRecount;
import de.mitzeichnen.email.EmailAddress;
import de.mitzeichnen.moderation.Moderation;
import de.mitzeichnen.moderation.ModerationAction;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the public sees depends on trust; the counts come from the maintained aggregate and stay
 * right.
 */
@MicronautTest(transactional = false)
class TrustedCountsTest {

    static final Instant NOW = Instant.parse("2025-11-20T10:00:00Z");
    static final String MUENCHEN = "09162000";
    static final String FRANKFURT = "06412000";
    static final String FULDA = "06631009";
    static final String LANDKREIS_FULDA = "06631";

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject Moderation moderation;
    @Inject SubmitSignature submissions;
    @Inject SupportRecount recount;

    Web web;
    Appeal appeal;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        web = new Web(URI.create(server.getURL().toString()));
        appeal =
                fixtures.appeal(
                        "Vertrauen zählt",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"));
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    static String freemail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@gmail.com";
    }

    /**
     * Signs through the form for the place and confirms through the mailed link; returns the
     * signature's id.
     */
    long signAndConfirm(String email, String ags) {
        Map<String, String> form = validForm(email);
        form.put("municipality", ags);
        assertEquals(303, sign(web, appeal.slug(), form).status());
        String confirm = link(mails(email, 1).get(0), "/bestaetigen/");
        assertTrue(pressButton(web, confirm).text().contains("Vielen Dank"));
        return ((Number)
                        db.row(
                                        "SELECT id FROM signature WHERE appeal_id = ? AND email_key = ?",
                                        appeal.id(),
                                        email)
                                .get("id"))
                .longValue();
    }

    Document page() {
        return web.get("/aufrufe/" + appeal.slug()).doc();
    }

    /** The numbers on the public page: municipalities, (Kreise,) signatures, inhabitants. */
    long[] counts() {
        return page().select(".count .n").eachText().stream()
                .mapToLong(s -> Long.parseLong(s.replace(".", "").replace(",", "")))
                .toArray();
    }

    long population(String ags) {
        return db.count("SELECT population FROM municipality WHERE ags = ?", ags);
    }

    @Test
    void aFreeMailSignatureAwaitsVerificationAndCountsOnceTheOrganiserVerifiedIt() {
        String email = freemail("ob");
        long id = signAndConfirm(email, MUENCHEN);
        assertEquals(
                "EMAIL_ONLY", db.row("SELECT trust FROM signature WHERE id = ?", id).get("trust"));
        assertEquals(
                "FREEMAIL",
                db.row("SELECT trust_flag FROM signature WHERE id = ?", id).get("trust_flag"));

        Document before = page();
        assertEquals(List.of("0", "0", "0"), before.select(".count .n").eachText());
        assertTrue(before.select("figure.map svg circle.supporter").isEmpty());
        assertFalse(
                before.text().contains("München"),
                "the municipality awaiting verification is not named");
        assertEquals(
                "1 weitere Unterschrift wird noch geprüft", before.selectFirst(".awaiting").text());
        assertTrue(
                web.get("/aufrufe/" + appeal.slug() + "?lang=en")
                        .text()
                        .contains("1 more signature is awaiting verification"));

        assertTrue(
                moderation.apply(
                        appeal.id(),
                        id,
                        ModerationAction.VERIFY,
                        VerificationMethod.PHONE,
                        "Rückruf im Bürgermeisterbüro",
                        "orga@stadt.example",
                        false));
        Map<String, Object> verified = db.row("SELECT * FROM signature WHERE id = ?", id);
        assertEquals("VERIFIED_BY_ORGANISER", verified.get("trust"));
        assertEquals("PHONE", verified.get("verification_method"));
        assertEquals("orga@stadt.example", verified.get("verified_by"));
        assertEquals("Rückruf im Bürgermeisterbüro", verified.get("verification_note"));

        Document after = page();
        assertEquals(1, counts()[0]);
        assertEquals(1, counts()[1]);
        assertEquals(population(MUENCHEN), counts()[2]);
        assertEquals("München", after.selectFirst("figure.map svg circle.supporter title").text());
        assertTrue(after.select("ul.supporters li").text().contains("München (Bayern)"));
        assertTrue(after.select(".awaiting").isEmpty());
    }

    @Test
    void onAnAppealCountingAllConfirmedSignaturesAFreeMailOneCountsAtOnce() {
        db.update("UPDATE appeal SET public_count = 'ALL_CONFIRMED' WHERE id = ?", appeal.id());
        signAndConfirm(freemail("ob"), MUENCHEN);
        assertEquals(1, counts()[0]);
        assertEquals(population(MUENCHEN), counts()[2]);
        assertTrue(page().select(".awaiting").isEmpty());
    }

    @Test
    void switchingTheAppealToAllConfirmedCountsTheWaitingOnes() {
        signAndConfirm(freemail("ob"), MUENCHEN);
        assertEquals(0, counts()[0]);
        db.update("UPDATE appeal SET public_count = 'ALL_CONFIRMED' WHERE id = ?", appeal.id());
        recount.recount(appeal.id());
        assertEquals(1, counts()[0]);
        assertTrue(page().select(".awaiting").isEmpty());
    }

    @Test
    void twoOfficialsOfOneMunicipalityCountItOnce() {
        db.update("UPDATE appeal SET public_count = 'ALL_CONFIRMED' WHERE id = ?", appeal.id());
        signAndConfirm(freemail("ob"), FRANKFURT);
        signAndConfirm(freemail("dezernentin"), FRANKFURT);
        long[] n = counts();
        assertEquals(1, n[0], "one municipality");
        assertEquals(2, n[1], "two signatures");
        assertEquals(population(FRANKFURT), n[2]);
        assertEquals(1, page().select("figure.map svg circle.supporter").size());
    }

    @Test
    void aLandkreisAndACityInsideItCoverTheirInhabitantsOnce() {
        String landrat =
                "landrat-"
                        + UUID.randomUUID().toString().substring(0, 8)
                        + "@landkreis-fulda.example";
        EmailAddress address = EmailAddress.parse(landrat).orElseThrow();
        // through an invitation the address is proven: the token comes back, the signer confirms on
        // the page
        String token =
                submissions
                        .submit(
                                appeal,
                                new SignatureRequest(
                                        "Bernd Woide",
                                        SignerRole.OTHER,
                                        "Landrat",
                                        "",
                                        new SignTarget.District(LANDKREIS_FULDA),
                                        address,
                                        true),
                                Locale.GERMAN,
                                null,
                                true)
                        .orElseThrow();
        assertTrue(pressButton(web, "/bestaetigen/" + token).text().contains("Vielen Dank"));
        Map<String, Object> row =
                db.row(
                        "SELECT * FROM signature WHERE appeal_id = ? AND email_key = ?",
                        appeal.id(),
                        landrat);
        assertEquals(LANDKREIS_FULDA, row.get("district_ags"));
        assertEquals(null, row.get("municipality_ags"));
        assertEquals("INVITED", row.get("trust"));

        long kreis = db.count("SELECT population FROM kreis WHERE ags = ?", LANDKREIS_FULDA);
        long[] n = counts();
        assertEquals(
                List.of(0L, 1L, 1L, kreis),
                List.of(n[0], n[1], n[2], n[3]),
                "0 municipalities, 1 Kreis");
        assertTrue(page().text().contains("Landkreis unterstützt den Aufruf"));

        db.update("UPDATE appeal SET public_count = 'ALL_CONFIRMED' WHERE id = ?", appeal.id());
        recount.recount(appeal.id());
        signAndConfirm(freemail("ob"), FULDA);
        n = counts();
        assertEquals(
                List.of(1L, 1L, 2L, kreis),
                List.of(n[0], n[1], n[2], n[3]),
                "Fulda's inhabitants are already covered by the Landkreis");
        assertTrue(page().select("ul.supporters li").text().contains("Landkreis Fulda (Hessen)"));
        String hessen =
                page().select("details table tbody tr").stream()
                        .filter(tr -> tr.text().startsWith("Hessen"))
                        .findFirst()
                        .orElseThrow()
                        .text();
        // Land, municipalities, their share of the Land's, Kreise, signatures, inhabitants
        assertTrue(
                hessen.matches(
                        "Hessen 1 [0-9,]+ % 1 2 " + String.format(Locale.GERMANY, "%,d", kreis)),
                hessen
                        + ": per Land 1 municipality, 1 Kreis, 2 signatures, the Kreis's inhabitants once");
    }

    @Test
    void verifyingAPendingSignatureConfirmsItWithTheWithdrawalMailAndMarksTheInvitationSigned() {
        String email = "bm-" + UUID.randomUUID().toString().substring(0, 8) + "@stadt-test.example";
        db.update(
                "INSERT INTO invitation (appeal_id, name, email, email_key, role, municipality_ags, body, language,"
                        + " status, created_by, created_at, updated_at) VALUES (?, 'Erika Mustermann', ?, ?, 'MAYOR', ?, '',"
                        + " 'de', 'SENT', 'test', NOW(6), NOW(6))",
                appeal.id(),
                email,
                email,
                FRANKFURT);
        Map<String, String> form = validForm(email);
        assertEquals(303, sign(web, appeal.slug(), form).status());
        mails(email, 1);
        long id =
                ((Number)
                                db.row(
                                                "SELECT id FROM signature WHERE appeal_id = ? AND email_key = ?",
                                                appeal.id(),
                                                email)
                                        .get("id"))
                        .longValue();
        assertEquals(
                "PENDING", db.row("SELECT status FROM signature WHERE id = ?", id).get("status"));

        assertTrue(
                moderation.apply(
                        appeal.id(),
                        id,
                        ModerationAction.VERIFY,
                        VerificationMethod.LETTER,
                        "Schreiben der Stadt liegt vor",
                        "orga@stadt.example",
                        false));

        Map<String, Object> row = db.row("SELECT * FROM signature WHERE id = ?", id);
        assertEquals("CONFIRMED", row.get("status"));
        assertEquals("VERIFIED_BY_ORGANISER", row.get("trust"));
        MimeMessage confirmed = mails(email, 2).get(1);
        assertEquals("Ihre Unterschrift ist bestätigt: Vertrauen zählt", subject(confirmed));
        String withdraw = link(confirmed, "/zurueckziehen/");
        assertEquals(200, web.get(withdraw).status());
        assertEquals(
                "SIGNED",
                db.row(
                                "SELECT status FROM invitation WHERE appeal_id = ? AND email_key = ?",
                                appeal.id(),
                                email)
                        .get("status"));
        assertEquals(1, counts()[0]);
        assertEquals(
                "VERIFY",
                db.row("SELECT action FROM signature_event WHERE signature_id = ?", id)
                        .get("action"));
    }

    @Test
    void theRecountRepairsABrokenCounterAndSaysSo() {
        db.update("UPDATE appeal SET public_count = 'ALL_CONFIRMED' WHERE id = ?", appeal.id());
        signAndConfirm(freemail("ob"), FRANKFURT);
        assertEquals(1, counts()[0]);
        db.update(
                "UPDATE appeal_support SET municipalities = 99, population = 5 WHERE appeal_id = ?",
                appeal.id());
        assertEquals(99, counts()[0]);

        Logger logger = (Logger) LoggerFactory.getLogger(SupportRecount.class);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        try {
            assertTrue(recount.recount(appeal.id()));
            assertFalse(recount.recount(appeal.id()), "nothing to repair the second time");
        } finally {
            logger.detachAppender(captured);
        }
        assertEquals(1, counts()[0]);
        assertEquals(population(FRANKFURT), counts()[2]);
        assertEquals(1, captured.list.size());
        ILoggingEvent line = captured.list.get(0);
        assertEquals(Level.WARN, line.getLevel());
        String message = line.getFormattedMessage();
        assertTrue(message.contains("appeal " + appeal.id()), message);
        assertTrue(
                message.contains("municipalities=99") && message.contains("municipalities=1"),
                message);
    }
}
