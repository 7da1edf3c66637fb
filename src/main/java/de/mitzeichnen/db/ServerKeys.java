package de.mitzeichnen.db;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Random secrets the application makes for itself, created once and kept in the database so that every
 * instance uses the same one. For secrets an operator sets, use environment variables instead.
 */
@Singleton
@Connectable
public class ServerKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcOperations jdbc;
    private final Clock clock;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    ServerKeys(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The secret called {@code name}; made on first use (the first instance to insert wins). */
    public String get(String name) {
        return cache.computeIfAbsent(name, this::loadOrCreate);
    }

    private String loadOrCreate(String name) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return jdbc.execute(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT IGNORE INTO server_key (name, secret, created_at) VALUES (?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, fresh);
                insert.setString(3, new UtcInstantConverter().convertToPersistedValue(clock.instant(), null));
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT secret FROM server_key WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }
}
