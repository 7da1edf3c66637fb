package de.mitzeichnen.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Eventually;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestSmtp;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Without an SMTP host the mails land in the dev mailbox. The test property beats the system
 * property that points every other test context at GreenMail.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.mail.smtp-host", value = "")
@Property(name = "mitzeichnen.mail.poll-interval", value = "1h")
class DevMailboxTest {

    @Inject EmbeddedServer server;
    @Inject Outbox outbox;
    @Inject MailDispatcher dispatcher;
    @Inject MailTemplates templates;
    @Inject MailConfig config;
    @Inject Db db;

    Web web;

    @BeforeEach
    void setUp() {
        web = new Web(URI.create(server.getURL().toString()));
    }

    long enqueue(String to, String confirmUrl) {
        MailTemplates.Rendered body =
                templates.render(
                        "signature-confirm",
                        Locale.GERMAN,
                        Map.of(
                                "name",
                                "Bernd Schäfer",
                                "appealTitle",
                                "Kommunen entlasten",
                                "organiserName",
                                "Stadt Köln",
                                "municipalityName",
                                "Köln",
                                "roleLabel",
                                "Ratsmitglied",
                                "confirmUrl",
                                confirmUrl,
                                "deadlineText",
                                "3. Dezember 2025, 23:59 Uhr",
                                "expiresText",
                                "22. November 2025, 10:00 Uhr"));
        return outbox.enqueue(
                new OutgoingMail(
                        to,
                        "Stadt Köln über Mitzeichnen",
                        null,
                        "Bitte bestätigen Sie Ihre Unterschrift: Kommunen entlasten",
                        body.text(),
                        body.html(),
                        Map.of(),
                        "signature.confirm"));
    }

    void awaitSent(long id) {
        Eventually.await(
                "mail " + id + " marked SENT",
                Duration.ofSeconds(10),
                () ->
                        "SENT"
                                .equals(
                                        db.row("SELECT status FROM outbox_message WHERE id = ?", id)
                                                .get("status")));
    }

    @Test
    void mailsAreKeptAndShownWithClickableLinks() {
        assertTrue(
                config.devMailbox(),
                "the test property must win over the GreenMail system property");
        String first = Fixtures.unique("erste").toLowerCase(Locale.ROOT) + "@rathaus.example";
        String second = Fixtures.unique("zweite").toLowerCase(Locale.ROOT) + "@rathaus.example";
        long firstId = enqueue(first, "http://localhost:8080/bestaetigen/erster-token");
        long secondId = enqueue(second, "http://localhost:8080/bestaetigen/zweiter-token");
        dispatcher.dispatchDue();
        // the dispatcher woken by the commit may hold a row in its claim while ours skips it: wait
        // for the outcome
        awaitSent(firstId);
        awaitSent(secondId);

        Web.Page list = web.get("/dev/mails");
        assertEquals(200, list.status());
        assertTrue(list.text().contains("Postfach für die Entwicklung"), list.text());
        Element firstRow = list.doc().selectFirst("tr[data-id=" + firstId + "]");
        Element secondRow = list.doc().selectFirst("tr[data-id=" + secondId + "]");
        assertNotNull(firstRow);
        assertNotNull(secondRow);
        assertTrue(
                secondRow.elementSiblingIndex() < firstRow.elementSiblingIndex(), "newest first");
        assertTrue(firstRow.text().contains(first), firstRow.text());
        assertTrue(
                firstRow.text()
                        .contains("Bitte bestätigen Sie Ihre Unterschrift: Kommunen entlasten"));
        assertTrue(firstRow.text().contains("zugestellt"), firstRow.text());
        assertEquals("/dev/mails/" + firstId, firstRow.selectFirst("a").attr("href"));

        Web.Page show = web.get("/dev/mails/" + firstId);
        assertEquals(200, show.status());
        Document doc = show.doc();
        assertTrue(show.text().contains(first));
        assertTrue(show.text().contains("Stadt Köln über Mitzeichnen"));
        assertNotNull(
                doc.selectFirst("pre a[href=http://localhost:8080/bestaetigen/erster-token]"),
                show.body());
        assertTrue(
                doc.selectFirst("pre")
                        .text()
                        .contains("Ohne Ihre Bestätigung zählt die Unterschrift nicht"));
        Element frame = doc.selectFirst("iframe");
        assertEquals("/dev/mails/" + firstId + "/html", frame.attr("src"));
        assertTrue(frame.attr("sandbox").contains("allow-top-navigation-by-user-activation"));
        assertTrue(frame.attr("sandbox").indexOf("allow-scripts") < 0);

        Web.Page html = web.get("/dev/mails/" + firstId + "/html");
        assertEquals(200, html.status());
        assertTrue(html.header("Content-Security-Policy").startsWith("default-src 'none'"));
        Document mail = Jsoup.parse(html.body());
        assertNotNull(mail.selectFirst("a[href=http://localhost:8080/bestaetigen/erster-token]"));
        assertEquals("_top", mail.selectFirst("base").attr("target"));
        assertTrue(mail.text().contains("Bitte bestätigen Sie Ihre Unterschrift"));

        assertEquals(0, TestSmtp.messagesTo(first).size(), "nothing goes out by SMTP");
        assertTrue(web.get("/dev/mails?lang=en").text().contains("Development mailbox"));
    }

    @Test
    void onARealServerWithoutSmtpOnlyVisitorsOnThatMachineSeeTheMailbox() {
        assertTrue(DevMailbox.isLocalHost("localhost"));
        assertTrue(DevMailbox.isLocalHost("127.0.0.1"));
        assertTrue(DevMailbox.isLocalHost("[::1]"));
        assertTrue(
                !DevMailbox.isLocalHost("mitzeichnen.example")
                        && !DevMailbox.isLocalHost("10.0.0.5"));
    }

    @Test
    void requestsThroughAProxyOrFromAnotherMachineGetNotFound() throws Exception {
        assertEquals(200, web.get("/dev/mails").status());
        for (String header : new String[] {"X-Forwarded-For", "Forwarded", "X-Real-IP"}) {
            assertEquals(
                    404,
                    web.get(
                                    "/dev/mails",
                                    header,
                                    header.equals("Forwarded") ? "for=127.0.0.1" : "127.0.0.1")
                            .status(),
                    header);
        }
        // the same server reached over a non-loopback address of this machine, where it has one
        InetAddress other =
                Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                        .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                        .filter(a -> !a.isLoopbackAddress() && a instanceof Inet4Address)
                        .findFirst()
                        .orElse(null);
        Assumptions.assumeTrue(other != null, "no non-loopback address on this machine");
        Web remote =
                new Web(URI.create("http://" + other.getHostAddress() + ":" + server.getPort()));
        assertEquals(404, remote.get("/dev/mails").status());
    }

    /**
     * The status a raw request with this Host header gets (HttpClient does not let a test set
     * Host).
     */
    int statusWithHost(String host) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream()
                    .write(
                            ("GET /dev/mails HTTP/1.1\r\nHost: "
                                            + host
                                            + "\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
            String statusLine =
                    new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    @Test
    void aPageThatRebindsItsNameToThisMachineGetsNotFound() throws Exception {
        int port = server.getPort();
        assertEquals(200, statusWithHost("localhost:" + port));
        assertEquals(200, statusWithHost("127.0.0.1:" + port));
        assertEquals(200, statusWithHost("[::1]:" + port));
        assertEquals(404, statusWithHost("rebind.attacker.example:" + port));
        assertEquals(404, statusWithHost("rebind.attacker.example"));
        assertEquals(404, statusWithHost("localhost.attacker.example:" + port));
        assertEquals(404, statusWithHost(""));
    }

    @Test
    void unknownMailsAreNotFound() {
        assertEquals(404, web.get("/dev/mails/999999999").status());
        assertEquals(404, web.get("/dev/mails/abc").status());
        assertEquals(404, web.get("/dev/mails/999999999/html").status());
    }
}
