package de.mitzeichnen.db;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens every pooled connection before the first request: the pool otherwise fills in the
 * background, and the first burst of requests after a start (a mailing's first minute) waited for
 * connections still being opened and got 503 pages.
 */
@Singleton
class PoolWarmup implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(PoolWarmup.class);

    private final DataSource dataSource;

    PoolWarmup(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (!(dataSource instanceof HikariDataSource pool)) {
            return;
        }
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                open.add(pool.getConnection());
            }
        } catch (SQLException e) {
            // no database yet: requests get the 503 page until it is there
            LOG.warn(
                    "Could not open all {} pooled connections: {}",
                    pool.getMaximumPoolSize(),
                    e.toString());
        } finally {
            for (Connection c : open) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // back to the pool or gone
                }
            }
        }
    }
}
