package de.mitzeichnen.web;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import de.mitzeichnen.db.DatabaseHealth;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests that failed for want of a database connection get the 503 page with Retry-After (see
 * {@link ErrorPages}), never the 500 page. This tells the two causes apart in the log: a wait for a
 * pooled connection that ran out while the database answers is <em>busy</em> (too many requests for
 * the pool: see the operations notes on sizing), anything else is <em>unavailable</em>.
 */
@Singleton
class ConnectionFailures {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionFailures.class);

    private final DatabaseHealth health;
    private final DataSource dataSource;

    ConnectionFailures(DatabaseHealth health, DataSource dataSource) {
        this.health = health;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /**
     * True when the database could not be used: no connection within the pool's timeout, or the
     * connection broke (also in the middle of a request: the driver's communication errors, a
     * connection the pool closed, SQL state class 08).
     */
    static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException
                    || (t instanceof SQLException sql
                            && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08"))
                    // the pool closed a broken connection under the request; Micronaut Data then
                    // fails to set it up
                    || t instanceof ConnectionException
                    || (t instanceof SQLException sql
                            && "Connection is closed".equals(sql.getMessage()))
                    || (t instanceof IOException && t.getClass().getName().contains("Socket"))) {
                return true;
            }
        }
        return false;
    }

    /** Logs what happened: busy pool or unavailable database. */
    void log(HttpRequest<?> request, Throwable exception) {
        String route =
                request.getMethodName() + " " + RequestLogFilter.maskTokens(request.getPath());
        if (poolTimeout(exception) && health.reachable()) {
            LOG.warn("Database busy on {}: no pooled connection in time ({})", route, pool());
        } else {
            LOG.warn("Database unavailable on {}: {}", route, exception.toString());
        }
    }

    private static boolean poolTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private String pool() {
        if (dataSource instanceof HikariDataSource h && h.getHikariPoolMXBean() != null) {
            HikariPoolMXBean p = h.getHikariPoolMXBean();
            return "pool of "
                    + h.getMaximumPoolSize()
                    + ": "
                    + p.getActiveConnections()
                    + " in use, "
                    + p.getThreadsAwaitingConnection()
                    + " waiting, timeout "
                    + h.getConnectionTimeout()
                    + " ms";
        }
        return "pool";
    }
}
