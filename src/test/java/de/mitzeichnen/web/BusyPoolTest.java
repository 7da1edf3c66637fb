package de.mitzeichnen.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TcpProxy;
import de.mitzeichnen.testsupport.TestDatabase;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * A busy pool is not a dead database. Two connections and four workers here (workers twice the
 * pool, as configured by default: 20 for 10): many signers at once wait their turn and all get
 * their answer; a wait for a connection that runs out while the database answers is logged as busy
 * and answered 503 with Retry-After, while {@code /health} stays UP; a connection lost in the
 * middle of a request is answered 503 with Retry-After, never 500.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BusyPoolTest implements TestPropertyProvider {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject DataSource dataSource;
    @Inject Db db;

    TcpProxy proxy;
    Appeal appeal;
    Web web;
    ListAppender<ILoggingEvent> log;
    Logger logger;

    @Override
    public Map<String, String> getProperties() {
        TestDatabase.start();
        String url = System.getProperty("datasources.default.url");
        Matcher m = Pattern.compile("//([^:/]+):(\\d+)/").matcher(url);
        assertTrue(m.find(), url);
        try {
            proxy = new TcpProxy(m.group(1), Integer.parseInt(m.group(2)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("datasources.default.url", proxy.proxied(url));
        p.put("datasources.default.maximum-pool-size", "2");
        p.put("micronaut.executors.io.n-threads", "4");
        p.put("mitzeichnen.limits.sign", "off");
        p.put("mitzeichnen.limits.sign-domain", "off");
        p.put("mitzeichnen.mail.poll-interval", "1h");
        return p;
    }

    @AfterAll
    void stopProxy() throws IOException {
        proxy.forward();
    }

    @BeforeEach
    void setUp() {
        appeal =
                fixtures.appeal(
                        "Viel los " + UUID.randomUUID().toString().substring(0, 6),
                        AppealStatus.OPEN,
                        Instant.now().minusSeconds(3600),
                        Instant.now().plusSeconds(86400 * 10));
        web = new Web(URI.create(server.getURL().toString()));
        logger = (Logger) LoggerFactory.getLogger(ConnectionFailures.class);
        log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void tearDown() throws IOException {
        logger.detachAppender(log);
        proxy.forward();
    }

    Map<String, String> form(String email) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "Erika Mustermann");
        form.put("role", "MAYOR");
        form.put("body", "");
        form.put("municipality", "06412000");
        form.put("country", "DE");
        form.put("email", email);
        form.put("privacy", "on");
        return form;
    }

    Web.Page sign(Web client, String email) {
        Web.Page page = client.get("/aufrufe/" + appeal.slug());
        Map<String, String> fields = form(email);
        Element token = page.doc().selectFirst("input[name=csrfToken]");
        if (token != null) {
            fields.put("csrfToken", token.attr("value"));
        }
        return client.post("/aufrufe/" + appeal.slug() + "/unterzeichnen", fields);
    }

    List<String> logged() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void fortySignersAtOnceOnTwoConnectionsAllGetTheirAnswer() throws Exception {
        int signers = 40;
        ExecutorService clients = Executors.newFixedThreadPool(signers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < signers; i++) {
                String email = "viele-" + i + "-" + UUID.randomUUID() + "@rathaus.example";
                answers.add(
                        clients.submit(
                                () -> {
                                    Web client =
                                            new Web(URI.create(server.getURL().toString()))
                                                    .withHeader(
                                                            "X-Forwarded-For",
                                                            ConsoleAccounts.randomAddress());
                                    start.await();
                                    return sign(client, email).status();
                                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> a : answers) {
                statuses.add(a.get(60, TimeUnit.SECONDS));
            }
            assertEquals(List.of(303), statuses.stream().distinct().toList(), statuses.toString());
        } finally {
            clients.shutdownNow();
        }
        assertEquals(
                (long) signers,
                db.count(
                        "SELECT COUNT(*) FROM signature WHERE appeal_id = ? AND status = 'PENDING'",
                        appeal.id()));
        assertTrue(logged().isEmpty(), logged().toString());
    }

    @Test
    void aWaitThatRunsOutOnAHealthyDatabaseIsBusyNotDown() throws Exception {
        DataSource pool = DelegatingDataSource.unwrapDataSource(dataSource);
        List<Connection> taken = new ArrayList<>();
        try {
            // every pooled connection in use, as by long requests
            taken.add(pool.getConnection());
            taken.add(pool.getConnection());
            Web.Page page =
                    web.post("/aufrufe/" + appeal.slug() + "/unterzeichnen", form("x@y.example"));
            assertEquals(503, page.status(), page.body());
            assertNotNull(page.header("Retry-After"));
            assertTrue(Integer.parseInt(page.header("Retry-After")) > 0);
            assertTrue(page.text().contains("Gerade nicht erreichbar"), page.text());
            // the database itself answers: the instance stays in the load balancer
            Web.Page health = web.get("/health");
            assertEquals(200, health.status(), health.body());
        } finally {
            for (Connection c : taken) {
                c.close();
            }
        }
        assertTrue(
                logged().stream().anyMatch(l -> l.startsWith("Database busy on POST /aufrufe/")),
                logged().toString());
        assertFalse(
                logged().stream().anyMatch(l -> l.contains("unavailable")), logged().toString());
        assertEquals(303, sign(web, "danach-" + UUID.randomUUID() + "@rathaus.example").status());
    }

    @Test
    void aConnectionLostInTheMiddleOfARequestIsAnswered503WithRetryAfter() throws Exception {
        Web signer = new Web(URI.create(server.getURL().toString()));
        Web.Page form = signer.get("/aufrufe/" + appeal.slug());
        assertEquals(200, form.status());
        for (int round = 0; round < 3; round++) {
            // the database stops answering while the request is under way, then the connection
            // breaks
            assertEquals(
                    303, sign(signer, "vorher-" + UUID.randomUUID() + "@rathaus.example").status());
            // the mail of that one sent, so that no dispatcher holds a connection below
            long quiet = System.nanoTime() + 20_000_000_000L;
            while (db.count(
                                    "SELECT COUNT(*) FROM outbox_message WHERE status IN"
                                            + " ('PENDING', 'SENDING')")
                            > 0
                    && System.nanoTime() < quiet) {
                Thread.sleep(50);
            }
            proxy.hang();
            String email = "mitten-" + UUID.randomUUID() + "@rathaus.example";
            CompletableFuture<Web.Page> answer =
                    CompletableFuture.supplyAsync(
                            () ->
                                    signer.post(
                                            "/aufrufe/" + appeal.slug() + "/unterzeichnen",
                                            form(email)));
            // until the request holds a connection whose query cannot come back
            HikariPoolMXBean pool =
                    ((HikariDataSource) DelegatingDataSource.unwrapDataSource(dataSource))
                            .getHikariPoolMXBean();
            long until = System.nanoTime() + 20_000_000_000L;
            while (pool.getActiveConnections() == 0 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            assertFalse(answer.isDone(), "the request waits for the database");
            proxy.cut();
            Web.Page page = answer.get(30, TimeUnit.SECONDS);
            assertEquals(503, page.status(), page.body());
            assertTrue(Integer.parseInt(page.header("Retry-After")) > 0);
            assertTrue(page.text().contains("Gerade nicht erreichbar"), page.text());
        }
        // and the next request works again
        assertEquals(
                303, sign(signer, "nachher-" + UUID.randomUUID() + "@rathaus.example").status());
    }
}
