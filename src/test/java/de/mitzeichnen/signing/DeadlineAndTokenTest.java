package de.mitzeichnen.signing;

import static de.mitzeichnen.signing.SigningTestSupport.link;
import static de.mitzeichnen.signing.SigningTestSupport.mails;
import static de.mitzeichnen.signing.SigningTestSupport.pressButton;
import static de.mitzeichnen.signing.SigningTestSupport.sign;
import static de.mitzeichnen.signing.SigningTestSupport.validForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deadlines and grace windows to the second, expired/tampered/reused links, concurrent double
 * submits.
 */
@MicronautTest(transactional = false)
class DeadlineAndTokenTest {

    static final Instant DEADLINE = Instant.parse("2025-12-03T22:59:59Z");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;

    Web web;
    Appeal appeal;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2025-11-20T10:00:00Z"));
        web = new Web(URI.create(server.getURL().toString()));
        appeal =
                fixtures.appeal(
                        "Frist-Aufruf",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        DEADLINE);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    static String email() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8) + "@stadt.example";
    }

    String signAndGetLink(String email) {
        assertEquals(303, sign(web, appeal.slug(), validForm(email)).status());
        return link(mails(email, 1).get(0), "/bestaetigen/");
    }

    @Test
    void signingClosesAtTheDeadlineToTheSecond() {
        clock.set(DEADLINE.minusSeconds(1));
        assertEquals(303, sign(web, appeal.slug(), validForm(email())).status());

        Web.Page form = web.get("/aufrufe/" + appeal.slug());
        clock.set(DEADLINE);
        String late = email();
        Web.Page refused =
                web.post(
                        "/aufrufe/" + appeal.slug() + "/unterzeichnen",
                        withCsrf(validForm(late), form));
        assertEquals(410, refused.status());
        assertTrue(refused.text().contains("Die Frist ist abgelaufen"), refused.text());
        assertTrue(refused.doc().select("form input[name=email]").isEmpty(), "the form is hidden");
        assertEquals(0, db.count("SELECT COUNT(*) FROM signature WHERE email_key = ?", late));
        assertTrue(
                web.get("/aufrufe/" + appeal.slug()).doc().select("input[name=email]").isEmpty());
    }

    @Test
    void aSignatureFromBeforeTheDeadlineMayBeConfirmedWithinTheGraceWindow() {
        clock.set(DEADLINE.minus(Duration.ofHours(1)));
        String email = email();
        String confirmPath = signAndGetLink(email);
        clock.set(DEADLINE.plus(Duration.ofHours(24)).minusSeconds(1));
        assertEquals(200, pressButton(web, confirmPath).status());
        assertEquals(
                "CONFIRMED",
                db.row("SELECT status FROM signature WHERE email_key = ?", email).get("status"));

        clock.set(DEADLINE.minus(Duration.ofHours(1)));
        String other = email();
        String otherPath = signAndGetLink(other);
        clock.set(DEADLINE.plus(Duration.ofHours(24)));
        Web.Page expired = web.get(otherPath);
        assertEquals(410, expired.status());
        assertTrue(
                expired.text().contains("Dieser Bestätigungslink ist abgelaufen"), expired.text());
        // Posted from the form opened before the grace window ended (the browser still holds its
        // token).
        assertEquals(410, web.post(otherPath, Map.of("csrfToken", web.csrfToken())).status());
        assertEquals(
                "PENDING",
                db.row("SELECT status FROM signature WHERE email_key = ?", other).get("status"));
    }

    @Test
    void withoutGraceNothingIsConfirmedAfterTheDeadline() {
        Appeal strict =
                fixtures.appeal(
                        "Ohne Nachfrist",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        DEADLINE);
        db.update("UPDATE appeal SET grace_seconds = 0 WHERE id = ?", strict.id());
        clock.set(DEADLINE.minusSeconds(60));
        String email = email();
        assertEquals(303, sign(web, strict.slug(), validForm(email)).status());
        String path = link(mails(email, 1).get(0), "/bestaetigen/");
        clock.set(DEADLINE);
        assertEquals(410, web.get(path).status());
    }

    @Test
    void linksExpireAfterSevenDays() {
        String email = email();
        String path = signAndGetLink(email);
        clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertEquals(200, web.get(path).status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(410, web.get(path).status());
    }

    @Test
    void tamperedAndUnknownLinksGiveAClearPageNeverAServerError() {
        String path = signAndGetLink(email());
        char last = path.charAt(path.length() - 1);
        String tampered = path.substring(0, path.length() - 1) + (last == 'A' ? 'B' : 'A');
        for (String p :
                List.of(
                        tampered,
                        "/bestaetigen/abc",
                        "/bestaetigen/" + "x".repeat(300),
                        "/zurueckziehen/" + "Q".repeat(43),
                        "/bestaetigen/%00%27")) {
            Web.Page page = web.get(p);
            assertEquals(404, page.status(), p);
            assertTrue(
                    page.text().contains("Link zum Zurückziehen kennen wir nicht")
                            || page.text().contains("Diesen Bestätigungslink kennen wir nicht")
                            || page.text().contains("Seite nicht gefunden"),
                    page.text());
            if (!p.contains("%") && p.length() < 100) {
                // a well-formed but unknown link: its own page, not the generic 404
                assertTrue(
                        page.text()
                                .contains(
                                        p.startsWith("/bestaetigen")
                                                ? "Diesen Bestätigungslink kennen wir nicht"
                                                : "Diesen Link zum Zurückziehen kennen wir nicht"),
                        p + ": " + page.text());
                assertEquals("no-referrer", page.header("Referrer-Policy"), p);
            }
        }
        Web.Page post =
                web.post(tampered, Map.of("csrfToken", SigningTestSupport.csrf(web.get(path))));
        assertEquals(404, post.status());
    }

    @Test
    void withdrawingIsPossibleUntilTheDeadlineOnly() {
        String email = email();
        pressButton(web, signAndGetLink(email));
        String withdrawPath = link(mails(email, 2).get(1), "/zurueckziehen/");
        clock.set(DEADLINE);
        Web.Page late = web.get(withdrawPath);
        assertEquals(410, late.status());
        Web.Page latePost = web.post(withdrawPath, Map.of("csrfToken", web.csrfToken()));
        assertEquals(410, latePost.status());
        assertEquals(
                "CONFIRMED",
                db.row("SELECT status FROM signature WHERE email_key = ?", email).get("status"));
    }

    @Test
    void twentyConcurrentIdenticalSubmissionsMakeOneSignature() throws Exception {
        String email = email();
        for (int status : submitAtOnce(Collections.nCopies(20, email))) {
            assertEquals(303, status);
        }
        assertEquals(1, db.count("SELECT COUNT(*) FROM signature WHERE email_key = ?", email));
        assertTrue(db.count("SELECT mails_sent FROM signature WHERE email_key = ?", email) <= 4);
        assertNull(
                db
                        .rows(
                                "SELECT 1 FROM signature WHERE email_key = ? AND status <> 'PENDING'",
                                email)
                        .stream()
                        .findFirst()
                        .orElse(null));
    }

    @Test
    void manyConcurrentNewAddressesAreAllStoredWithoutAServerError() throws Exception {
        // New addresses fall into the same gap of the unique index; locking reads of missing rows
        // made such inserts deadlock.
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            emails.add(email());
        }
        for (int status : submitAtOnce(emails)) {
            assertEquals(303, status);
        }
        for (String email : emails) {
            assertEquals(
                    1,
                    db.count("SELECT COUNT(*) FROM signature WHERE email_key = ?", email),
                    email);
        }
    }

    /** One browser per address opens the page; then all submit at the same moment. */
    private List<Integer> submitAtOnce(List<String> emails) throws Exception {
        int n = emails.size();
        List<Web> browsers = new ArrayList<>();
        List<Map<String, String>> forms = new ArrayList<>();
        for (String email : emails) {
            Web b = new Web(web.base());
            forms.add(withCsrf(validForm(email), b.get("/aufrufe/" + appeal.slug())));
            browsers.add(b);
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            Callable<Integer> task =
                    () -> {
                        start.await();
                        return browsers.get(k)
                                .post("/aufrufe/" + appeal.slug() + "/unterzeichnen", forms.get(k))
                                .status();
                    };
            results.add(pool.submit(task));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get());
        }
        pool.shutdown();
        return statuses;
    }

    static Map<String, String> withCsrf(Map<String, String> form, Web.Page page) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        copy.put("csrfToken", SigningTestSupport.csrf(page));
        return copy;
    }
}
