package de.mitzeichnen.testsupport;

import de.mitzeichnen.db.EmbeddedMariaDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;

/**
 * The one database of a test JVM, started once: {@code TEST_DB_URL} (+ {@code TEST_DB_USERNAME},
 * {@code TEST_DB_PASSWORD}) when set; else a Testcontainers {@code mysql:8.4} when Docker is
 * available; else an embedded MariaDB in a temporary directory. Its coordinates become system
 * properties, which every Micronaut context of the run reads as {@code datasources.default.*}.
 */
public final class TestDatabase {

    private static AutoCloseable running;
    private static String description;

    private TestDatabase() {}

    public static synchronized void start() {
        if (description != null) {
            return;
        }
        String url = System.getenv("TEST_DB_URL");
        String user;
        String password;
        if (url != null && !url.isBlank()) {
            user = envOr("TEST_DB_USERNAME", "root");
            password = envOr("TEST_DB_PASSWORD", "");
            description = "TEST_DB_URL";
        } else if (dockerAvailable()) {
            MySQLContainer<?> mysql =
                    new MySQLContainer<>("mysql:8.4")
                            .withCommand(
                                    "--character-set-server=utf8mb4",
                                    "--collation-server=utf8mb4_unicode_ci");
            mysql.start();
            running = mysql::stop;
            url =
                    mysql.getJdbcUrl()
                            + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
            user = mysql.getUsername();
            password = mysql.getPassword();
            description = "Testcontainers mysql:8.4";
        } else {
            try {
                Path dir = Files.createTempDirectory("mitzeichnen-test-db");
                EmbeddedMariaDb db = EmbeddedMariaDb.start(dir.resolve("data"), false);
                running = db;
                url = db.jdbcUrl();
                user = "root";
                password = "";
                description = "embedded MariaDB on port " + db.port();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        System.setProperty("datasources.default.url", url);
        System.setProperty("datasources.default.username", user);
        System.setProperty("datasources.default.password", password);
        System.out.println("[tests] database: " + description);
    }

    public static synchronized void stop() {
        if (running != null) {
            try {
                running.close();
            } catch (Exception ignored) {
                // the JVM ends anyway
            }
            running = null;
        }
    }

    private static boolean dockerAvailable() {
        if (System.getenv("DOCKER_HOST") == null
                && !Files.exists(Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable notThere) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
