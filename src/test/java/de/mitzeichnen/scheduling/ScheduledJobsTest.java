package de.mitzeichnen.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Eventually;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two application contexts on one database, many threads each: a job runs once per period. */
@MicronautTest(transactional = false)
class ScheduledJobsTest {

    @Inject ScheduledJobs jobs;
    @Inject Db db;

    @Test
    void onceperPeriodAcrossInstances() throws Exception {
        try (ApplicationContext second =
                ApplicationContext.run(Map.of("mitzeichnen.mail.poll-interval", "1h"), "test")) {
            ScheduledJobs other = second.getBean(ScheduledJobs.class);
            String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
            AtomicInteger runs = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ScheduledJobs instance = i % 2 == 0 ? jobs : other;
                results.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return instance.runIfDue(
                                            name, Duration.ofHours(1), runs::incrementAndGet);
                                }));
            }
            start.countDown();
            int ranHere = 0;
            for (Future<Boolean> r : results) {
                ranHere += r.get() ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(1, runs.get());
            assertEquals(1, ranHere);
            assertFalse(jobs.runIfDue(name, Duration.ofHours(1), runs::incrementAndGet));
            Map<String, Object> row = db.row("SELECT * FROM scheduled_job WHERE name = ?", name);
            assertEquals(1L, ((Number) row.get("runs")).longValue());
            assertNotNull(row.get("last_finished_at"));
            assertNotNull(row.get("last_duration_ms"));

            // a short period: due again after it
            String quick = name + "-q";
            assertTrue(other.runIfDue(quick, Duration.ofMillis(200), runs::incrementAndGet));
            assertFalse(jobs.runIfDue(quick, Duration.ofMillis(200), runs::incrementAndGet));
            Eventually.await(
                    "the short period to pass",
                    Duration.ofSeconds(5),
                    () -> jobs.runIfDue(quick, Duration.ofMillis(200), runs::incrementAndGet));
            assertTrue(jobs.lastRuns().containsKey(quick));

            // a failing job is recorded and does not stop the next period
            String failing = name + "-f";
            assertTrue(
                    jobs.runIfDue(
                            failing,
                            Duration.ofMillis(1),
                            () -> {
                                throw new IllegalStateException("kaputt");
                            }));
            assertTrue(
                    db.row("SELECT last_error FROM scheduled_job WHERE name = ?", failing)
                            .get("last_error")
                            .toString()
                            .contains("kaputt"));
        }
    }
}
