package de.mitzeichnen.export;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.ManagedAppeals;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.web.Languages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The downloads an organiser hands over: CSV, XLSX and the PDF. They are streamed — a writer thread
 * feeds a pipe that the server sends as it fills — so memory stays flat whatever the number of
 * signatures. Every export is recorded in the audit log with its format, filters and row count.
 */
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung/aufrufe/{slug}")
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleExports {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleExports.class);

    private final ManagedAppeals managed;
    private final Exports exports;
    private final AuditLog audit;
    private final Languages languages;
    private final ExecutorService executor;
    private final List<ExportGuard> guards;

    ConsoleExports(
            ManagedAppeals managed,
            Exports exports,
            AuditLog audit,
            Languages languages,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor,
            List<ExportGuard> guards) {
        this.guards = guards;
        this.managed = managed;
        this.exports = exports;
        this.audit = audit;
        this.languages = languages;
        this.executor = executor;
    }

    @Get("/export.csv")
    HttpResponse<StreamedFile> csv(
            HttpRequest<?> request,
            ConsoleUser me,
            String slug,
            @Nullable @QueryValue String sep,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String verified,
            @Nullable @QueryValue String land) {
        return export(
                request,
                me,
                slug,
                ExportFormat.CSV,
                ",".equals(sep) ? ',' : ';',
                status,
                verified,
                land);
    }

    @Get("/export.xlsx")
    HttpResponse<StreamedFile> xlsx(
            HttpRequest<?> request,
            ConsoleUser me,
            String slug,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String verified,
            @Nullable @QueryValue String land) {
        return export(request, me, slug, ExportFormat.XLSX, ';', status, verified, land);
    }

    @Get("/export.pdf")
    HttpResponse<StreamedFile> pdf(
            HttpRequest<?> request,
            ConsoleUser me,
            String slug,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String verified,
            @Nullable @QueryValue String land) {
        return export(request, me, slug, ExportFormat.PDF, ';', status, verified, land);
    }

    /**
     * The hand-over document as a printable page (the same template as the PDF), with the same
     * filters.
     */
    @Get(value = "/uebergabe", produces = MediaType.TEXT_HTML)
    HttpResponse<String> handover(
            HttpRequest<?> request,
            ConsoleUser me,
            String slug,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String verified,
            @Nullable @QueryValue String land) {
        Appeal appeal = managed.bySlug(me, slug);
        guards.forEach(g -> g.check(appeal.id()));
        ExportFilter filter = ExportFilter.of(status, verified, land);
        String pdf = "/verwaltung/aufrufe/" + appeal.slug() + "/export.pdf" + filter.query();
        String back = "/verwaltung/aufrufe/" + appeal.id() + "/unterschriften";
        return HttpResponse.ok(
                        exports.handoverPage(
                                appeal, filter, languages.resolveOrDefault(request), back, pdf))
                .header("Cache-Control", "no-store");
    }

    private HttpResponse<StreamedFile> export(
            HttpRequest<?> request,
            ConsoleUser me,
            String slug,
            ExportFormat format,
            char separator,
            String status,
            String verified,
            String land) {
        Appeal appeal = managed.bySlug(me, slug);
        guards.forEach(g -> g.check(appeal.id()));
        ExportFilter filter = ExportFilter.of(status, verified, land);
        Locale locale = languages.resolveOrDefault(request);
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream out;
        try {
            out = new PipedOutputStream(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        executor.execute(
                () -> {
                    try (out) {
                        long rows = exports.write(appeal, format, filter, separator, locale, out);
                        Map<String, Object> details = new LinkedHashMap<>();
                        details.put("format", format.extension());
                        details.put("filter", filter.describe());
                        details.put("rows", rows);
                        audit.record(
                                Actor.of(me), "EXPORT", appeal.organiserId(), appeal.id(), details);
                    } catch (IOException | RuntimeException e) {
                        // The reader went away (download cancelled) or the database failed: the
                        // download ends early.
                        LOG.warn(
                                "Export {} of appeal {} ended early: {}",
                                format,
                                appeal.id(),
                                e.toString());
                    }
                });
        StreamedFile file = new StreamedFile(in, MediaType.of(format.mediaType()));
        return HttpResponse.ok(file)
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + Exports.fileName(appeal, format, locale) + "\"")
                .header("Cache-Control", "no-store");
    }
}
