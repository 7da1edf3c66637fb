package de.mitzeichnen.bench;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.export.ExportFilter;
import de.mitzeichnen.export.ExportFormat;
import de.mitzeichnen.export.ExportQueryProbe;
import de.mitzeichnen.export.Exports;
import de.mitzeichnen.moderation.Moderation;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.OrganiserKind;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.signing.SignatureFilter;
import de.mitzeichnen.signing.SignatureSearch;
import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Exports N signatures (default 1,000,000) of one appeal as CSV and as XLSX to a discarding stream
 * and prints the time and the heap used. Run by bench/export-csv.sh; the database comes from
 * BENCH_DB_URL.
 */
public final class ExportCsvBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String url = System.getenv("BENCH_DB_URL");
        try (ApplicationContext ctx =
                ApplicationContext.builder()
                        .properties(
                                Map.of(
                                        "datasources.default.url",
                                        url,
                                        "datasources.default.username",
                                        "root",
                                        "datasources.default.password",
                                        "",
                                        "micronaut.server.port",
                                        -1))
                        .start()) {
            Appeal appeal = seed(ctx, n);
            Exports exports = ctx.getBean(Exports.class);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            for (int round = 1; round <= 2; round++) {
                long t0 = System.nanoTime();
                long rows = ExportQueryProbe.readAll(ctx, appeal.id());
                System.out.printf(
                        Locale.ROOT,
                        "query %d: %,d rows read and mapped, no file, in %.2f s (the database's part)%n",
                        round,
                        rows,
                        (System.nanoTime() - t0) / 1e9);
            }
            for (ExportFormat format : new ExportFormat[] {ExportFormat.CSV, ExportFormat.XLSX})
                for (int round = 1; round <= 2; round++) {
                    System.gc();
                    long before = memory.getHeapMemoryUsage().getUsed();
                    AtomicLong peak = new AtomicLong(before);
                    Thread sampler =
                            new Thread(
                                    () -> {
                                        while (!Thread.currentThread().isInterrupted()) {
                                            peak.accumulateAndGet(
                                                    memory.getHeapMemoryUsage().getUsed(),
                                                    Math::max);
                                            try {
                                                Thread.sleep(5);
                                            } catch (InterruptedException e) {
                                                return;
                                            }
                                        }
                                    });
                    sampler.setDaemon(true);
                    sampler.start();
                    CountingStream out = new CountingStream();
                    long t0 = System.nanoTime();
                    long rows =
                            exports.write(
                                    appeal,
                                    format,
                                    ExportFilter.defaults(),
                                    ';',
                                    Locale.GERMAN,
                                    out);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    sampler.interrupt();
                    sampler.join();
                    System.out.printf(
                            Locale.ROOT,
                            "round %d: %,d rows, %.1f MB %s in %.2f s (%,.0f rows/s); heap before %.0f MB, peak %.0f MB"
                                    + " (max heap %.0f MB)%n",
                            round,
                            rows,
                            out.count / 1e6,
                            format,
                            seconds,
                            rows / seconds,
                            before / 1e6,
                            peak.get() / 1e6,
                            memory.getHeapMemoryUsage().getMax() / 1e6);
                }
            moderationPaging(ctx.getBean(Moderation.class), appeal.id());
        }
    }

    /**
     * The organiser's list on the same appeal: first page, a page deep in the list, a filtered
     * search, the count.
     */
    private static void moderationPaging(Moderation moderation, long appealId) {
        SignatureFilter all = SignatureFilter.none();
        SignatureSearch.Page page = moderation.page(appealId, all, null);
        for (int i = 0; i < 3; i++) {
            page = moderation.page(appealId, all, null);
        }
        long t0 = System.nanoTime();
        page = moderation.page(appealId, all, null);
        double first = (System.nanoTime() - t0) / 1e6;
        Long before = page.nextBefore();
        for (int i = 0; i < 200 && before != null; i++) {
            before = moderation.page(appealId, all, before).nextBefore();
        }
        t0 = System.nanoTime();
        moderation.page(appealId, all, before);
        double deep = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        moderation.page(appealId, SignatureFilter.of(Map.of("q", "Person 99999")), null);
        double search = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        long count = moderation.count(appealId, all);
        double counting = (System.nanoTime() - t0) / 1e6;
        System.out.printf(
                Locale.ROOT,
                "moderation list on %,d signatures: first page %.1f ms, page 202 %.1f ms, "
                        + "name search %.1f ms, count %.1f ms%n",
                count,
                first,
                deep,
                search,
                counting);
    }

    private static Appeal seed(ApplicationContext ctx, int n) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Organisers organisers = ctx.getBean(Organisers.class);
        Appeals appeals = ctx.getBean(Appeals.class);
        String slug = "bench-export-" + n;
        Appeal existing = appeals.bySlug(slug).orElse(null);
        if (existing != null) {
            return existing;
        }
        Organiser o =
                organisers.seed(
                        new Organiser(
                                null,
                                "Benchmark",
                                OrganiserKind.CITY,
                                null,
                                "bench@example.org",
                                null,
                                now,
                                now,
                                null,
                                null));
        Appeal appeal =
                appeals.seed(
                        new Appeal(
                                null,
                                o.id(),
                                slug,
                                "Benchmark",
                                "an alle",
                                "Text",
                                "bench@example.org",
                                now,
                                now.plus(30, ChronoUnit.DAYS),
                                0,
                                AppealStatus.OPEN,
                                EnumSet.allOf(SignerRole.class),
                                true,
                                null,
                                de.mitzeichnen.appeal.PublicCount.TRUSTED_ONLY,
                                now,
                                now,
                                null));
        DataSource ds =
                ctx.getBean(DataSourceResolver.class).resolve(ctx.getBean(DataSource.class));
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            // n rows from a cross join of digit tables (no recursive CTE: MySQL limits its depth to
            // 1000)
            st.executeUpdate(
                    """
                    INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags,
                      gebietsstand, public_name, privacy_version, privacy_consent_at, language, appeal_text_hash,
                      trust, mails_sent, submitted_at, confirmed_at, created_at, updated_at)
                    SELECT %d, 'CONFIRMED', CONCAT('person', x.n, '@stadt.example'), CONCAT('person', x.n, '@stadt.example'),
                           CONCAT('Person ', x.n), 'COUNCILLOR', m.ags, m.gebietsstand, TRUE, 'v1', NOW(6), 'de',
                           REPEAT('a', 64), 'EMAIL_ONLY', 2, NOW(6), NOW(6), NOW(6), NOW(6)
                      FROM (SELECT a.d + 10*b.d + 100*c.d + 1000*d.d + 10000*e.d + 100000*f.d AS n
                              FROM (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                    UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a,
                                   (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                    UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b,
                                   (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                    UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) c,
                                   (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                    UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) d,
                                   (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                    UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) e,
                                   (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                                    UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) f) x
                      JOIN (SELECT ags, gebietsstand, ROW_NUMBER() OVER (ORDER BY ags) - 1 AS k FROM municipality) m
                        ON m.k = x.n MOD 10000
                     WHERE x.n < %d
                    """
                            .formatted(appeal.id(), n));
        }
        System.out.printf(
                Locale.ROOT,
                "seeded %,d signatures in %.1f s%n",
                n,
                (System.nanoTime() - t0) / 1e9);
        return appeal;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
