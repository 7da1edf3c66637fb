package de.mitzeichnen.db;

import de.mitzeichnen.config.MitzeichnenConfig;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded MariaDB when no datasource URL is configured, before the connection pool is
 * created, so that a fresh checkout runs with {@code ./mvnw mn:run} and nothing else.
 */
@Singleton
public class EmbeddedDatabase implements BeanCreatedEventListener<DatasourceConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final MitzeichnenConfig config;
    private volatile EmbeddedMariaDb server;

    EmbeddedDatabase(MitzeichnenConfig config) {
        this.config = config;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration ds = event.getBean();
        if (ds.getConfiguredUrl() != null && !ds.getConfiguredUrl().isBlank()) {
            return ds;
        }
        try {
            EmbeddedAvailability.require(EmbeddedDatabase.class.getClassLoader());
        } catch (EmbeddedAvailability.NoDatabaseConfiguredException e) {
            // Logged on its own line: the start-up failure that follows buries the message in a
            // long stack trace.
            LOG.error(e.getMessage());
            throw e;
        }
        Path dataDir = config.resolvedDataDir().resolve("mariadb");
        long started = System.nanoTime();
        server = EmbeddedMariaDb.start(dataDir, true);
        ds.setUrl(server.jdbcUrl());
        ds.setUsername("root");
        ds.setPassword("");
        LOG.info(
                "No DATASOURCES_DEFAULT_URL set: started the embedded MariaDB on port {} in {} ms; data lives in {}. "
                        + "To use a real MySQL/MariaDB server instead, set DATASOURCES_DEFAULT_URL "
                        + "(e.g. jdbc:mysql://db.example:3306/mitzeichnen), DATASOURCES_DEFAULT_USERNAME and "
                        + "DATASOURCES_DEFAULT_PASSWORD.",
                server.port(),
                (System.nanoTime() - started) / 1_000_000,
                dataDir);
        return ds;
    }

    /** Whether this process runs on its own embedded database (the development default). */
    public boolean isEmbedded() {
        return server != null;
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            server.close();
            LOG.info("Stopped the embedded MariaDB");
        }
    }
}
