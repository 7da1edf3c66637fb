package de.mitzeichnen.mail;

import de.mitzeichnen.db.Sql;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Outbox gauges for operators: mails waiting (PENDING or SENDING) and the age of the oldest. Read
 * from the database when scraped; NaN while it cannot be reached.
 */
@Singleton
class OutboxMetrics implements MeterBinder {

    private final OutboxRepository repository;
    private final Clock clock;

    OutboxMetrics(OutboxRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("mitzeichnen.outbox.queued", this, OutboxMetrics::queued)
                .description("mails not yet sent (pending or being sent)")
                .register(registry);
        Gauge.builder("mitzeichnen.outbox.oldest.age", this, OutboxMetrics::oldestAgeSeconds)
                .baseUnit("seconds")
                .description("age of the oldest mail not yet sent")
                .register(registry);
    }

    double queued() {
        try {
            return repository.countQueued();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    double oldestAgeSeconds() {
        try {
            String oldest = repository.oldestQueued();
            if (oldest == null) {
                return 0;
            }
            Instant at = Sql.instant(oldest);
            return Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
