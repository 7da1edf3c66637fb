package de.mitzeichnen.scheduling;

import de.mitzeichnen.db.Sql;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic jobs that run once per period across all instances. Each instance's {@code @Scheduled}
 * method calls {@link #runIfDue}; the first instance whose call finds the period over moves the
 * job's {@code next_run_at} forward (one UPDATE on table {@code scheduled_job}, using the
 * database's clock, so instance clocks do not matter) and runs it; the others find nothing due and
 * skip. A job must finish well within its period; if an instance dies in the middle, the next
 * period runs it again. Jobs should therefore be safe to repeat (they are: each works off the
 * database's state). Not ShedLock: it would need a table of its own (a migration) and keeps no run
 * history, which the table and metrics here provide.
 *
 * <pre>
 * &#64;Scheduled(fixedDelay = "1m")
 * void tick() {
 *     jobs.runIfDue("signature-recount", Duration.ofMinutes(1), recount::run);
 * }
 * </pre>
 */
@Singleton
public class ScheduledJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobs.class);

    /** The last run of one job by this instance, for the metrics. */
    public record LastRun(long startedEpochMillis, long durationMillis, boolean failed) {}

    private final DataSource dataSource;
    private final String owner;
    private final Map<String, LastRun> lastRuns = new ConcurrentHashMap<>();

    private final MeterRegistry meters;

    ScheduledJobs(DataSource dataSource, DataSourceResolver resolver, MeterRegistry meters) {
        this.meters = meters;
        this.dataSource = resolver.resolve(dataSource);
        String process = ManagementFactory.getRuntimeMXBean().getName();
        this.owner = process.substring(0, Math.min(process.length(), 60)) + "/" + UUID.randomUUID();
    }

    /**
     * Runs {@code job} on this thread if the period of job {@code name} is over and no other
     * instance took it first. Returns whether it ran here. A failing job is logged and recorded;
     * the next period tries again.
     */
    public boolean runIfDue(String name, Duration period, Runnable job) {
        if (!claim(name, period)) {
            return false;
        }
        long started = System.currentTimeMillis();
        long t0 = System.nanoTime();
        String error = null;
        try {
            job.run();
        } catch (RuntimeException e) {
            error = e.toString();
            LOG.error("Scheduled job {} failed; the next period tries again", name, e);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (lastRuns.put(name, new LastRun(started, millis, error != null)) == null) {
            Gauge.builder(
                            "mitzeichnen.job.last.run",
                            lastRuns,
                            runs -> runs.get(name).startedEpochMillis() / 1000.0)
                    .tag("job", name)
                    .baseUnit("seconds")
                    .description("start of the job's last run here (epoch)")
                    .register(meters);
        }
        Timer.builder("mitzeichnen.job.duration")
                .tag("job", name)
                .tag("outcome", error == null ? "ok" : "failed")
                .description("duration of the job's runs")
                .register(meters)
                .record(Duration.ofMillis(millis));
        finish(name, millis, error);
        return true;
    }

    /** Last runs of jobs on this instance (job name → run). */
    public Map<String, LastRun> lastRuns() {
        return Map.copyOf(lastRuns);
    }

    private boolean claim(String name, Duration period) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            Sql.update(
                    c,
                    "INSERT IGNORE INTO scheduled_job (name, next_run_at) VALUES (?, '2000-01-01 00:00:00')",
                    name);
            // a little less than the period, so that a scheduler firing exactly once per period
            // never skips one
            return Sql.update(
                            c,
                            "UPDATE scheduled_job SET"
                                    + " next_run_at = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND,"
                                    + " owner = ?, last_started_at = UTC_TIMESTAMP(6)"
                                    + " WHERE name = ? AND next_run_at <= UTC_TIMESTAMP(6)",
                            period.toNanos() / 1000 * 95 / 100,
                            owner,
                            name)
                    == 1;
        } catch (SQLException | DataAccessException e) {
            LOG.warn("Could not claim scheduled job {}: {}", name, e.toString());
            return false;
        }
    }

    private void finish(String name, long millis, String error) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            Sql.update(
                    c,
                    "UPDATE scheduled_job SET last_finished_at = UTC_TIMESTAMP(6),"
                            + " last_duration_ms = ?, last_error = ?, runs = runs + 1 WHERE name = ? AND owner = ?",
                    millis,
                    error == null ? null : error.substring(0, Math.min(error.length(), 1000)),
                    name,
                    owner);
        } catch (SQLException | DataAccessException e) {
            LOG.warn("Could not record the end of scheduled job {}: {}", name, e.toString());
        }
    }
}
