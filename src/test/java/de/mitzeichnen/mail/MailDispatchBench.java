package de.mitzeichnen.mail;

import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestSmtp;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Figures for the mail path against the real database and GreenMail; run by bench/mail-dispatch.sh
 * (the name does not match Surefire's test pattern, so the normal test run leaves it out). Prints,
 * asserts nothing about time.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.mail.poll-interval", value = "1h")
class MailDispatchBench {

    @Inject Outbox outbox;
    @Inject MailDispatcher dispatcher;
    @Inject MailTemplates templates;
    @Inject TransactionOperations<Connection> transactions;
    @Inject Db db;

    OutgoingMail mail(String to) {
        MailTemplates.Rendered body =
                templates.render(
                        "signature-confirm",
                        Locale.GERMAN,
                        Map.of(
                                "name",
                                "Anna Müller",
                                "appealTitle",
                                "Kommunen entlasten",
                                "organiserName",
                                "Stadt Köln",
                                "municipalityName",
                                "Köln",
                                "roleLabel",
                                "Ratsmitglied",
                                "confirmUrl",
                                "http://localhost:8080/bestaetigen/" + to.hashCode(),
                                "deadlineText",
                                "3. Dezember 2025, 23:59 Uhr",
                                "expiresText",
                                "22. November 2025, 10:00 Uhr"));
        return new OutgoingMail(
                to,
                "Stadt Köln über Mitzeichnen",
                null,
                "Bitte bestätigen Sie Ihre Unterschrift",
                body.text(),
                body.html(),
                Map.of(),
                "bench");
    }

    @Test
    void figures() throws Exception {
        String run = Fixtures.unique("bench").toLowerCase(Locale.ROOT);
        // warm-up: JIT, connection pool, templates
        for (int i = 0; i < 30; i++) {
            String to = run + "-warm-" + i + "@bench.example";
            outbox.enqueue(mail(to));
            TestSmtp.awaitMessagesTo(to, 1, Duration.ofSeconds(30));
        }

        int renders = 500;
        long t = System.nanoTime();
        for (int i = 0; i < renders; i++) {
            mail(run + "-render@bench.example");
        }
        System.out.printf(
                "[bench] render signature-confirm (text+html): %.2f ms each (%d renders)%n",
                (System.nanoTime() - t) / 1e6 / renders, renders);

        int n = 100;
        long[] enqueue = new long[n];
        long[] inbox = new long[n];
        for (int i = 0; i < n; i++) {
            String to = run + "-latency-" + i + "@bench.example";
            OutgoingMail m = mail(to);
            long start = System.nanoTime();
            outbox.enqueue(m);
            enqueue[i] = System.nanoTime() - start;
            TestSmtp.awaitMessagesTo(to, 1, Duration.ofSeconds(30));
            inbox[i] = System.nanoTime() - start;
        }
        System.out.printf(
                "[bench] enqueue (own transaction): median %.1f ms, p95 %.1f ms (n=%d)%n",
                pct(enqueue, 50), pct(enqueue, 95), n);
        System.out.printf(
                "[bench] enqueue -> in the SMTP server's mailbox (woken after commit): median %.1f ms,"
                        + " p95 %.1f ms (n=%d)%n",
                pct(inbox, 50), pct(inbox, 95), n);

        for (int extra : new int[] {0, 2}) {
            int bulk = 1000;
            String prefix = run + "-bulk" + extra;
            List<OutgoingMail> mails = new ArrayList<>();
            for (int i = 0; i < bulk; i++) {
                mails.add(mail(prefix + "-" + i + "@bench.example"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(extra, 1));
            long start = System.nanoTime();
            transactions.executeWrite(
                    status -> {
                        mails.forEach(outbox::enqueue);
                        return null;
                    });
            long committed = System.nanoTime();
            for (int d = 0; d < extra; d++) {
                pool.submit(
                        () -> {
                            while (db.count(
                                            "SELECT COUNT(*) FROM outbox_message WHERE recipient LIKE ? AND status <> 'SENT'",
                                            prefix + "-%")
                                    > 0) {
                                dispatcher.dispatchDue();
                            }
                            return null;
                        });
            }
            while (db.count(
                            "SELECT COUNT(*) FROM outbox_message WHERE recipient LIKE ? AND status = 'SENT'",
                            prefix + "-%")
                    < bulk) {
                Thread.sleep(20);
            }
            long done = System.nanoTime();
            pool.shutdownNow();
            System.out.printf(
                    "[bench] %d mails enqueued in one transaction: %.0f ms; dispatched by %d dispatcher(s)"
                            + " in %.0f ms = %.0f mails/s%n",
                    bulk,
                    (committed - start) / 1e6,
                    extra + 1,
                    (done - committed) / 1e6,
                    bulk / ((done - committed) / 1e9));
        }
    }

    static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(i, 0)] / 1e6;
    }
}
