package de.mitzeichnen.db;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.reactivestreams.Publisher;

/**
 * The database part of {@code /health}: a {@code SELECT 1} that must answer within {@link
 * #TIMEOUT}, else DOWN. The check runs on its own thread, so a hanging database (a stuck socket
 * ignores query timeouts) never holds up the health endpoint; while one check is stuck, the next
 * reports DOWN at once instead of piling up threads.
 *
 * <p>It asks over a connection of its own, outside the pool: a pool whose connections are all in
 * use is busy, not down, and must not take the instance out of the load balancer nor be logged as
 * an outage ({@link #reachable()}).
 */
@Singleton
public class DatabaseHealth implements HealthIndicator {

    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private Connection own; // only the checker thread touches it
    private final ExecutorService checker =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "db-health");
                        t.setDaemon(true);
                        return t;
                    });
    private final AtomicReference<CompletableFuture<Void>> running = new AtomicReference<>();

    DatabaseHealth(DataSource dataSource, DataSourceResolver resolver) {
        // the pool itself, not the transaction-aware view (which wants a surrounding connection)
        this.dataSource = resolver.resolve(dataSource);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(check());
    }

    HealthResult check() {
        CompletableFuture<Void> current = running.get();
        if (current == null || current.isDone()) {
            current = CompletableFuture.runAsync(this::selectOne, checker);
            running.set(current);
        }
        try {
            current.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return HealthResult.builder("database", HealthStatus.UP).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthResult.builder("database", HealthStatus.DOWN).build();
        } catch (Exception e) {
            return HealthResult.builder("database", HealthStatus.DOWN).build();
        }
    }

    /** True when the database answers a query within {@link #TIMEOUT}, whatever the pool does. */
    public boolean reachable() {
        return check().getStatus() == HealthStatus.UP;
    }

    private void selectOne() {
        try {
            if (own == null || own.isClosed()) {
                own = connect();
            }
            try (Statement s = own.createStatement()) {
                s.setQueryTimeout((int) TIMEOUT.toSeconds());
                s.execute("SELECT 1");
            }
        } catch (Exception e) {
            close();
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        if (!(dataSource instanceof HikariDataSource pool)) {
            return dataSource.getConnection();
        }
        Properties p = new Properties();
        if (pool.getUsername() != null) {
            p.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            p.setProperty("password", pool.getPassword());
        }
        // a stuck check gives up on its own, so that the next one can reconnect
        p.setProperty("connectTimeout", "2000");
        p.setProperty("socketTimeout", "5000");
        return DriverManager.getConnection(pool.getJdbcUrl(), p);
    }

    private void close() {
        if (own != null) {
            try {
                own.close();
            } catch (SQLException ignored) {
                // gone anyway
            }
            own = null;
        }
    }

    @PreDestroy
    void stop() {
        checker.shutdownNow();
        close();
    }
}
