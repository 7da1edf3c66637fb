package de.mitzeichnen.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Errors outside /api are pages in the reader's language, errors under /api are JSON, and no answer
 * repeats the form token of the address it answers.
 */
@MicronautTest(transactional = false)
class ErrorAnswersTest {

    static final int ELEVEN_MB = 11 * 1024 * 1024;

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;

    URI base;
    Web admin;
    String token;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
        admin = accounts.signedIn(base, accounts.admin());
        token = Web.csrf(admin.get("/verwaltung/register"));
        assertFalse(token.isEmpty());
    }

    void assertPage(Web.Page page, int status, String text) {
        assertEquals(status, page.status(), page.body());
        assertTrue(
                page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertTrue(page.text().contains(text), page.text());
        assertFalse(page.body().contains(token), page.body());
        assertFalse(page.body().contains("csrfToken"), page.body());
    }

    @Test
    void anUploadOverTenMegabytesGetsThePageInTheReadersLanguageWithoutTheToken() {
        Web.Page german =
                admin.postFile(
                        token,
                        "/verwaltung/register/gemeinden",
                        "file",
                        "gross.txt",
                        new byte[ELEVEN_MB]);
        assertPage(german, 413, "Was Sie senden wollten, ist größer als 10 MB.");
        assertEquals("close", german.header("Connection"));

        Web.Page english =
                admin.withHeader("Accept-Language", "en")
                        .postFile(
                                token,
                                "/verwaltung/register/gemeinden",
                                "file",
                                "large.txt",
                                new byte[ELEVEN_MB]);
        assertPage(english, 413, "What you tried to send is larger than 10 MB.");
    }

    @Test
    void aClientThatSendsTheWholeBodyBeforeReadingGetsThe413PageQuicklyAndTheConnectionCloses()
            throws Exception {
        String head =
                "POST /verwaltung/register/gemeinden?csrfToken="
                        + token
                        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data;"
                        + " boundary=xyz\r\nCookie: mz_session="
                        + admin.cookie("mz_session")
                        + "; mz_csrf="
                        + admin.cookie("mz_csrf")
                        + "\r\nX-Forwarded-For: "
                        + ConsoleAccounts.randomAddress()
                        + "\r\nAccept-Language: en\r\nContent-Length: "
                        + ELEVEN_MB
                        + "\r\n\r\n";
        long start = System.nanoTime();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < ELEVEN_MB; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            // reads to the end: returns only when the server has closed the connection
            s.getInputStream().transferTo(answer);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String text = answer.toString(StandardCharsets.UTF_8);
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, took.toString());
        assertTrue(text.startsWith("HTTP/1.1 413 "), text);
        assertTrue(text.contains("What you tried to send is larger than 10 MB."), text);
        assertFalse(text.contains(token), text);
    }

    @Test
    void anIdThatIsNoNumberGetsThe400PageInTheReadersLanguageWithoutTheToken() {
        String path = "/verwaltung/aufrufe/2.0/uebersicht?csrfToken=" + token;
        assertPage(admin.get(path), 400, "Diese Anfrage konnten wir nicht verstehen.");
        assertPage(
                admin.get(path, "Accept-Language", "en"),
                400,
                "We could not understand this request.");
        // a public address too, without a session
        assertPage(
                new Web(base)
                        .get(
                                "/aufrufe/x/unterzeichnen?csrfToken=" + token,
                                "Accept-Language",
                                "en"),
                405,
                "We could not understand this request.");
    }

    @Test
    void errorsUnderApiStayJsonAndRepeatNoToken() {
        Web.Page wrongMethod =
                new Web(base)
                        .send(
                                HttpRequest.newBuilder(
                                                base.resolve("/api/v1/appeals?csrfToken=" + token))
                                        .DELETE()
                                        .build());
        assertEquals(405, wrongMethod.status(), wrongMethod.body());
        assertTrue(
                wrongMethod.header("Content-Type").startsWith("application/json"),
                wrongMethod.header("Content-Type"));
        assertTrue(wrongMethod.body().contains("\"status\":405"), wrongMethod.body());
        assertFalse(wrongMethod.body().contains(token), wrongMethod.body());
        assertFalse(wrongMethod.body().contains("csrfToken"), wrongMethod.body());
    }

    @Test
    void noDirectoryListingAndNoTrace() {
        Web visitor = new Web(base);
        assertPage(visitor.get("/static/"), 404, "Diese Seite gibt es nicht (mehr).");
        Web.Page trace =
                visitor.send(
                        HttpRequest.newBuilder(base.resolve("/?csrfToken=" + token))
                                .method("TRACE", HttpRequest.BodyPublishers.noBody())
                                .build());
        assertEquals(405, trace.status(), trace.body());
        assertFalse(trace.body().contains(token), trace.body());
    }

    @Test
    void anAddressWithALineBreakCannotWriteALogLineOfItsOwn() {
        Logger requests = (Logger) LoggerFactory.getLogger("mitzeichnen.requests");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        requests.addAppender(lines);
        try {
            Web.Page page = new Web(base).get("/aufrufe/x%0D%0AINFO%20forged%20entry");
            assertPage(page, 404, "Diese Seite gibt es nicht (mehr).");
            String line =
                    lines.list.stream()
                            .map(ILoggingEvent::getFormattedMessage)
                            .filter(m -> m.contains("forged"))
                            .findFirst()
                            .orElseThrow();
            assertFalse(line.contains("\n") || line.contains("\r"), line);
            assertTrue(line.startsWith("GET /aufrufe/x") && line.contains(" 404 "), line);
        } finally {
            requests.detachAppender(lines);
        }
    }
}
