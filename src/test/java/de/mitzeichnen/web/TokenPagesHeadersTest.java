package de.mitzeichnen.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.invitation.InvitationCsv;
import de.mitzeichnen.invitation.Invitations;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Mails;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pages behind a secret link (confirm, withdraw, invitation and its opt-out) are never kept by a
 * browser, proxy or CDN, and never pass their address on: {@code Cache-Control: no-store} and
 * {@code Referrer-Policy: no-referrer}, whether the link is live, used up or unknown. The public
 * pages' shared caching is pinned in TransparencyTest; this pins the opposite.
 */
@MicronautTest(transactional = false)
class TokenPagesHeadersTest {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject InvitationCsv csv;
    @Inject Invitations invitations;

    @Test
    void linkPagesAreNeverStoredWhetherLiveUsedOrUnknown() {
        Appeal appeal =
                fixtures.appeal(
                        "Geheime Links",
                        AppealStatus.OPEN,
                        Instant.now().minusSeconds(3600),
                        Instant.now().plusSeconds(86400 * 10));
        Web web = new Web(URI.create(server.getURL().toString()));
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String signer = "nostore-" + tag + "@frankfurt.de";

        Web.Page pending =
                web.postForm(
                        "/aufrufe/" + appeal.slug(),
                        "/aufrufe/" + appeal.slug() + "/unterzeichnen",
                        Map.of(
                                "name", "Nora Nostore",
                                "role", "MAYOR",
                                "body", "",
                                "municipality", "06412000",
                                "country", "DE",
                                "email", signer,
                                "privacy", "on"));
        assertEquals(303, pending.status(), pending.body());
        String confirm = Mails.link(mail(signer, 1), "/bestaetigen/");
        assertPrivate(web.get(confirm), 200);
        Web.Page confirmed = web.postForm(confirm, confirm, Map.of());
        assertPrivate(confirmed, 200);
        assertTrue(confirmed.text().contains("Vielen Dank"), confirmed.text());
        assertPrivate(web.get(confirm), 200); // used up: „already confirmed"

        String withdraw = Mails.link(mail(signer, 2), "/zurueckziehen/");
        assertPrivate(web.get(withdraw), 200);

        String invitee = "nostore-invited-" + tag + "@muenchen.de";
        byte[] list =
                ("Name;E-Mail;Funktion;Gemeinde\r\nIda Invite;" + invitee + ";MAYOR;09162000\r\n")
                        .getBytes(StandardCharsets.UTF_8);
        invitations.invite(
                appeal, csv.parse(appeal, list).lines(), "orga@stadt.example", Locale.GERMAN);
        String invitation = Mails.link(mail(invitee, 1), "/einladung/");
        assertPrivate(web.get(invitation), 200);
        assertPrivate(web.get(invitation + "/keine-erinnerung"), 200);

        String unknown = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
        for (String path :
                List.of(
                        "/bestaetigen/" + unknown,
                        "/zurueckziehen/" + unknown,
                        "/einladung/" + unknown)) {
            assertPrivate(web.get(path), 404);
        }
    }

    private static MimeMessage mail(String to, int count) {
        List<MimeMessage> mails = TestSmtp.awaitMessagesTo(to, count, Duration.ofSeconds(15));
        return mails.get(count - 1);
    }

    private static void assertPrivate(Web.Page page, int status) {
        String where = page.raw().uri().getPath() + " " + page.status();
        assertEquals(status, page.status(), where);
        assertEquals("no-store", page.header("Cache-Control"), where);
        assertEquals("no-referrer", page.header("Referrer-Policy"), where);
        assertNull(page.header("ETag"), where);
    }
}
