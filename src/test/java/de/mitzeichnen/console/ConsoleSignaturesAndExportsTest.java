package de.mitzeichnen.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Eventually;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The organiser's signature list, moderation actions and downloads, through the running server. */
@MicronautTest(transactional = false)
class ConsoleSignaturesAndExportsTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject Db db;

    URI base;
    Organiser orgA;
    Appeal appeal;
    Web a;
    Web b;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
        orgA = fixtures.organiser("Stadt A");
        appeal =
                fixtures.appeal(
                        orgA,
                        "Export durch die Konsole",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2030-12-03T22:59:59Z"),
                        "Text");
        a = accounts.signedIn(base, accounts.organiser(orgA));
        b = accounts.signedIn(base, accounts.organiser(fixtures.organiser("Stadt B")));
    }

    long insert(String ags, String name, String email, String flag) {
        db.update(
                """
                INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags, public_name,
                  privacy_version, privacy_consent_at, language, appeal_text_hash, trust, trust_flag, mails_sent,
                  submitted_at, confirmed_at, created_at, updated_at)
                VALUES (?, 'CONFIRMED', ?, ?, ?, 'MAYOR', ?, true, 'v1', NOW(6), 'de', ?, 'EMAIL_ONLY', ?, 1, NOW(6),
                  NOW(6), NOW(6), NOW(6))""",
                appeal.id(),
                email,
                email,
                name,
                ags,
                "c".repeat(64),
                flag);
        return db.count("SELECT MAX(id) FROM signature WHERE appeal_id = ?", appeal.id());
    }

    @Test
    void anotherOrganiserCanNeitherSeeNorExport() {
        insert("06412000", "Geheim Person", "g-" + UUID.randomUUID() + "@x.example", null);
        assertEquals(403, b.get("/verwaltung/aufrufe/" + appeal.id() + "/unterschriften").status());
        for (String ext : new String[] {"csv", "xlsx", "pdf"}) {
            HttpResponse<byte[]> r =
                    b.download("/verwaltung/aufrufe/" + appeal.slug() + "/export." + ext);
            assertEquals(403, r.statusCode(), ext);
            assertFalse(new String(r.body(), StandardCharsets.UTF_8).contains("Geheim Person"));
        }
        assertEquals(
                0,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action = 'EXPORT'",
                        appeal.id()));
        HttpResponse<byte[]> anonymous =
                new Web(base).download("/verwaltung/aufrufe/" + appeal.slug() + "/export.csv");
        assertTrue(
                anonymous.statusCode() == 302 || anonymous.statusCode() == 303,
                "status " + anonymous.statusCode());
        assertTrue(
                anonymous
                        .headers()
                        .firstValue("Location")
                        .orElse("")
                        .startsWith("/verwaltung/anmelden"));
    }

    @Test
    void exportsDownloadWithTheRightColumnsNeutralisedFormulasAndAnAuditEntry() throws Exception {
        insert("06412000", "=SUMME(A1:A9)", "f-" + UUID.randomUUID() + "@x.example", null);
        insert("09162000", "Maria München", "m-" + UUID.randomUUID() + "@x.example", null);

        HttpResponse<byte[]> csv =
                a.download("/verwaltung/aufrufe/" + appeal.slug() + "/export.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(
                csv.headers()
                        .firstValue("Content-Disposition")
                        .orElse("")
                        .contains(appeal.slug() + "-unterschriften.csv"));
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertTrue(
                text.startsWith(
                        "\uFEFFKommune;AGS;Bundesland;Kreis;Einwohner;Name;Funktion;Gremium;E-Mail;"
                                + "Vertrauensstufe;Bestätigt am;Unterzeichnete Textfassung\r\n"),
                text);
        assertTrue(text.contains(";'=SUMME(A1:A9);"), text);
        assertTrue(
                text.indexOf("Frankfurt am Main") < text.indexOf("München"),
                "Hessen (06) before Bayern (09)");

        HttpResponse<byte[]> xlsx =
                a.download("/verwaltung/aufrufe/" + appeal.slug() + "/export.xlsx");
        assertEquals(200, xlsx.statusCode());
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertEquals(3, wb.getFirstSheet().read().size());
        }
        HttpResponse<byte[]> pdf =
                a.download("/verwaltung/aufrufe/" + appeal.slug() + "/export.pdf?land=09");
        assertEquals(200, pdf.statusCode());
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String pdfText = new PDFTextStripper().getText(doc);
            assertTrue(pdfText.contains("Maria München"), pdfText);
            assertFalse(pdfText.contains("Frankfurt am Main"), "filtered to Bayern");
        }

        // the writer thread records the entry once the download is complete
        Eventually.await(
                "three export entries in the audit log",
                Duration.ofSeconds(5),
                () ->
                        db.count(
                                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action = 'EXPORT'",
                                        appeal.id())
                                >= 3);
        assertEquals(
                3,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action = 'EXPORT'",
                        appeal.id()));
        String details =
                db.rows(
                                "SELECT details FROM audit_entry WHERE appeal_id = ? AND action = 'EXPORT' ORDER BY id",
                                appeal.id())
                        .get(2)
                        .get("details")
                        .toString();
        assertTrue(
                details.contains("pdf") && details.contains("land=09") && details.contains("1"),
                details);
        assertTrue(a.get("/verwaltung/protokoll").text().contains("Export"));
    }

    @Test
    void moderateOneWithAReasonAndManyAfterAPreview() {
        long gmx =
                insert(
                        "06412000",
                        "Frieda Frei",
                        "frei-" + UUID.randomUUID() + "@gmx.de",
                        "FREEMAIL");
        insert("06412000", "Otto Amt", "otto-" + UUID.randomUUID() + "@x.example", null);
        String list = "/verwaltung/aufrufe/" + appeal.id() + "/unterschriften";
        Web.Page page = a.get(list);
        assertEquals(200, page.status());
        assertTrue(
                page.text().contains("Frieda Frei") && page.text().contains("Freemail-Adresse"),
                page.text());
        assertTrue(a.get(list + "?flag=FREEMAIL").text().contains("1 Unterschriften"));

        Web.Page noReason =
                a.postForm(list, list + "/" + gmx, Map.of("action", "REJECT", "reason", " "));
        assertEquals(422, noReason.status());
        assertTrue(noReason.text().contains("Bitte geben Sie einen Grund an"));
        assertEquals(
                "CONFIRMED",
                db.row("SELECT status FROM signature WHERE id = ?", gmx).get("status"));

        Web.Page rejected =
                a.postForm(
                        list,
                        list + "/" + gmx,
                        Map.of("action", "REJECT", "reason", "Keine Amtsperson", "notify", "on"));
        assertEquals(303, rejected.status());
        assertEquals(
                "REJECTED", db.row("SELECT status FROM signature WHERE id = ?", gmx).get("status"));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action = 'SIGNATURE_REJECT'",
                        appeal.id()));
        String email =
                (String) db.row("SELECT email FROM signature WHERE id = ?", gmx).get("email");
        MimeMessage told =
                de.mitzeichnen.testsupport.TestSmtp.awaitMessagesTo(
                                email, 1, Duration.ofSeconds(15))
                        .get(0);
        try {
            assertTrue(
                    told.getSubject().startsWith("Ihre Unterschrift wurde nicht angenommen"),
                    told.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }

        Web.Page preview =
                a.postForm(
                        list + "?status=CONFIRMED",
                        list + "/alle",
                        Map.of(
                                "status",
                                "CONFIRMED",
                                "action",
                                "VERIFY",
                                "reason",
                                "Liste telefonisch geprüft"));
        assertEquals(200, preview.status());
        assertTrue(
                preview.text().contains("1 Unterschrift wird als geprüft markiert"),
                preview.text());
        assertEquals(
                0,
                db.count(
                        "SELECT COUNT(*) FROM signature WHERE appeal_id = ? AND trust = 'VERIFIED_BY_ORGANISER'",
                        appeal.id()));
        Web.Page done =
                a.postForm(
                        list,
                        list + "/alle",
                        Map.of(
                                "status",
                                "CONFIRMED",
                                "action",
                                "VERIFY",
                                "reason",
                                "Liste telefonisch geprüft",
                                "confirm",
                                "yes"));
        assertEquals(303, done.status());
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM signature WHERE appeal_id = ? AND trust = 'VERIFIED_BY_ORGANISER'",
                        appeal.id()));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action = 'SIGNATURES_VERIFY'",
                        appeal.id()));
        b.get("/verwaltung");
        assertEquals(
                403,
                b.postWithToken(
                                b.csrfToken(),
                                list + "/" + gmx,
                                Map.of("action", "RESTORE", "reason", "x"))
                        .status());
        assertEquals(
                "REJECTED", db.row("SELECT status FROM signature WHERE id = ?", gmx).get("status"));
    }
}
