import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The raw limit beside the sign figures (bench/run.sh): the same number of connections each
 * committing one transaction of two INSERTs (a signature-sized row and an outbox-sized row) over
 * plain JDBC, on the same server with the same durability settings, in scratch tables of the bench
 * database. Usage: java -cp mysql-connector-j.jar bench/RawInsert.java JDBC_URL USER PASSWORD
 * CONNECTIONS SECONDS
 */
public class RawInsert {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args.length > 2 ? args[2] : "";
        int connections = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_raw_signature");
            s.execute("DROP TABLE IF EXISTS bench_raw_outbox");
            s.execute(
                    "CREATE TABLE bench_raw_signature (id BIGINT AUTO_INCREMENT PRIMARY KEY, appeal_id BIGINT NOT NULL,"
                            + " name VARCHAR(200), email VARCHAR(320), email_key VARCHAR(320), ags CHAR(8), role VARCHAR(40),"
                            + " token_hash BINARY(32), status VARCHAR(20), created_at DATETIME(6),"
                            + " UNIQUE KEY (appeal_id, email_key)) ENGINE=InnoDB");
            s.execute(
                    "CREATE TABLE bench_raw_outbox (id BIGINT AUTO_INCREMENT PRIMARY KEY, recipient VARCHAR(320),"
                            + " subject VARCHAR(300), text_body MEDIUMTEXT, html_body MEDIUMTEXT, status VARCHAR(20),"
                            + " next_attempt_at DATETIME(6), KEY (status, next_attempt_at)) ENGINE=InnoDB");
        }
        String text = "x".repeat(1500);
        String html = "<p>" + "x".repeat(3000) + "</p>";
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        for (int i = 0; i < connections; i++) {
            pool.execute(
                    () -> {
                        try (Connection c = DriverManager.getConnection(url, user, password);
                                PreparedStatement sig =
                                        c.prepareStatement(
                                                "INSERT INTO bench_raw_signature (appeal_id, name, email,"
                                                        + " email_key, ags, role, token_hash, status, created_at) VALUES (1, ?, ?, ?, '06412000',"
                                                        + " 'MAYOR', UNHEX(SHA2(?, 256)), 'PENDING', UTC_TIMESTAMP(6))");
                                PreparedStatement out =
                                        c.prepareStatement(
                                                "INSERT INTO bench_raw_outbox (recipient, subject,"
                                                        + " text_body, html_body, status, next_attempt_at) VALUES (?, 'Bitte bestätigen', ?, ?,"
                                                        + " 'PENDING', UTC_TIMESTAMP(6))")) {
                            c.setAutoCommit(false);
                            while (System.nanoTime() < end) {
                                long t0 = System.nanoTime();
                                String email = UUID.randomUUID() + "@rathaus.example";
                                sig.setString(1, "Erika Mustermann");
                                sig.setString(2, email);
                                sig.setString(3, email);
                                sig.setString(4, email);
                                sig.executeUpdate();
                                out.setString(1, email);
                                out.setString(2, text);
                                out.setString(3, html);
                                out.executeUpdate();
                                c.commit();
                                latencies.add(System.nanoTime() - t0);
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 30, TimeUnit.SECONDS);
        double took = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "ok=%d errors=0 seconds=%.1f rate=%.1f p50_ms=%.1f p99_ms=%.1f%n",
                sorted.size(),
                took,
                sorted.size() / took,
                sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.99)) / 1e6);
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE bench_raw_signature");
            s.execute("DROP TABLE bench_raw_outbox");
        }
    }
}
