package de.mitzeichnen.municipality;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.console.FormFields;
import de.mitzeichnen.web.Pages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The platform admin's uploads: a newer municipality register (GV100AD as Destatis publishes it)
 * and official mail domains (CSV). Each file is checked completely first; a file with errors
 * changes nothing and the page lists the errors with their line numbers.
 */
@Secured(ConsoleUser.PLATFORM_ADMIN)
@Hidden // console pages, not the open API (which this package also serves)
@Controller("/verwaltung")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleRegisterPages {

    static final int DOMAIN_LIST_LIMIT = 200;

    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /**
     * What the page reports after an upload: a heading line, counts (label → number) and error
     * lines.
     */
    record Outcome(
            String kind,
            boolean ok,
            String message,
            Map<String, Object> counts,
            List<String> errors) {}

    private final MunicipalityImport municipalities;
    private final MailDomains domains;
    private final MunicipalityRegister register;
    private final RegisterUploads uploads;
    private final AuditLog audit;
    private final ConsoleView view;

    ConsoleRegisterPages(
            MunicipalityImport municipalities,
            MailDomains domains,
            MunicipalityRegister register,
            RegisterUploads uploads,
            AuditLog audit,
            ConsoleView view) {
        this.municipalities = municipalities;
        this.domains = domains;
        this.register = register;
        this.uploads = uploads;
        this.audit = audit;
        this.view = view;
    }

    @Get("/register")
    HttpResponse<String> show(HttpRequest<?> request, ConsoleUser me) {
        return page(request, me, HttpStatus.OK, null);
    }

    /**
     * Removes one registered mail domain (e.g. one the demo or an old import brought that is not
     * the place's own); signatures already confirmed keep their trust.
     */
    @Post("/register/domains/{id}/entfernen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> removeDomain(HttpRequest<?> request, ConsoleUser me, long id) {
        Optional<MunicipalityDomain> removed = domains.remove(id);
        removed.ifPresent(
                d ->
                        audit.record(
                                Actor.of(me),
                                "DOMAIN_REMOVED",
                                null,
                                null,
                                Map.of(
                                        "domain",
                                        d.domain(),
                                        "ags",
                                        d.ags(),
                                        "municipality",
                                        placeName(d.ags()),
                                        "source",
                                        d.source())));
        String q = request.getParameters().get("domain");
        return HttpResponse.seeOther(
                UriBuilder.of("/verwaltung/register")
                        .queryParam("domain", q == null ? "" : q)
                        .queryParam("entfernt", removed.map(MunicipalityDomain::domain).orElse(""))
                        .fragment("domain-list")
                        .build());
    }

    /** One row of the domain list: the domain, the place it is registered for, its source. */
    record DomainRow(
            long id, String domain, String ags, String place, String source, boolean verified) {}

    /** „Demo-Daten", „CSV-Import" …; an upload's „upload:FILE" as it is (it names the file). */
    private String sourceLabel(HttpRequest<?> request, String source) {
        String key = "console.register.domainList.source." + source;
        String text = view.text(request, key);
        return text.equals(key) ? source : text;
    }

    private String placeName(String ags) {
        return register.findByAgs(ags)
                .map(m -> m.displayName())
                .orElseGet(() -> register.district(ags).map(d -> d.displayName()).orElse(ags));
    }

    @Post(value = "/register/gemeinden", consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<String> importRegister(
            HttpRequest<?> request,
            ConsoleUser me,
            @Nullable @Part("file") CompletedFileUpload file) {
        return upload(
                request,
                me,
                file,
                "register",
                "REGISTER",
                "municipality.import.rejected",
                municipalities::importGv100ad,
                (name, r) -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("file", name);
                    details.put("gebietsstand", String.valueOf(r.gebietsstand()));
                    details.put("municipalities", r.municipalities());
                    details.put("added", r.added());
                    details.put("updated", r.updated());
                    details.put("retired", r.retired());
                    details.put("reactivated", r.reactivated());
                    details.put("unchanged", r.unchanged());
                    audit.record(Actor.of(me), "REGISTER_IMPORTED", null, null, details);
                    Map<String, Object> counts = new LinkedHashMap<>();
                    for (Map.Entry<String, Integer> c :
                            List.of(
                                    Map.entry("municipalities", r.municipalities()),
                                    Map.entry("added", r.added()),
                                    Map.entry("updated", r.updated()),
                                    Map.entry("retired", r.retired()),
                                    Map.entry("reactivated", r.reactivated()),
                                    Map.entry("unchanged", r.unchanged()),
                                    Map.entry("laender", r.laender()),
                                    Map.entry("kreise", r.kreise()),
                                    Map.entry("verbaende", r.verbaende()),
                                    Map.entry("unincorporated", r.unincorporated()))) {
                        counts.put(
                                view.text(request, "console.uploads.report." + c.getKey()),
                                c.getValue());
                    }
                    String stand =
                            r.gebietsstand() == null ? "" : r.gebietsstand().format(GERMAN_DATE);
                    return new Outcome(
                            "register",
                            true,
                            view.text(request, "console.uploads.register.done", name, stand),
                            counts,
                            List.of());
                });
    }

    @Post(value = "/register/domains", consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<String> importDomains(
            HttpRequest<?> request,
            ConsoleUser me,
            @Nullable @Part("file") CompletedFileUpload file) {
        return upload(
                request,
                me,
                file,
                "domains",
                "DOMAINS",
                "municipality.domains.rejected",
                (in, name) -> domains.importCsv(in, "upload:" + name),
                (name, r) -> {
                    audit.record(
                            Actor.of(me),
                            "DOMAINS_IMPORTED",
                            null,
                            null,
                            Map.of(
                                    "file",
                                    name,
                                    "rows",
                                    r.rows(),
                                    "added",
                                    r.added(),
                                    "updated",
                                    r.updated(),
                                    "unchanged",
                                    r.unchanged()));
                    Map<String, Object> counts = new LinkedHashMap<>();
                    counts.put(view.text(request, "console.uploads.domains.rows"), r.rows());
                    counts.put(view.text(request, "console.uploads.domains.added"), r.added());
                    counts.put(view.text(request, "console.uploads.domains.updated"), r.updated());
                    counts.put(
                            view.text(request, "console.uploads.domains.unchanged"), r.unchanged());
                    return new Outcome(
                            "domains",
                            true,
                            view.text(request, "console.uploads.domains.done", name),
                            counts,
                            List.of());
                });
    }

    /** Reads an uploaded file into an import. */
    private interface Importer<R extends ImportReport> {
        R read(InputStream in, String name) throws IOException;
    }

    /**
     * One upload, register or domains alike: a missing, unreadable or faulty file is refused with
     * its reasons and an audit entry ({@code <AUDIT>_IMPORT_REJECTED}) and changes nothing; a good
     * one is imported and {@code done} records and describes it.
     */
    private <R extends ImportReport> HttpResponse<String> upload(
            HttpRequest<?> request,
            ConsoleUser me,
            @Nullable CompletedFileUpload file,
            String kind,
            String auditPrefix,
            String rejectedKey,
            Importer<R> importer,
            BiFunction<String, R, Outcome> done) {
        if (missing(file)) {
            return page(
                    request,
                    me,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    failure(kind, view.text(request, "console.uploads.error.noFile")));
        }
        String name = FormFields.fileName(file.getFilename());
        R r;
        try (InputStream in = RegisterUploads.unpacked(file.getBytes())) {
            r = importer.read(in, name);
        } catch (IOException | UncheckedIOException unreadable) {
            audit.record(
                    Actor.of(me),
                    auditPrefix + "_IMPORT_REJECTED",
                    null,
                    null,
                    Map.of("file", name, "errors", 1));
            return page(
                    request,
                    me,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    failure(kind, view.text(request, "console.uploads.error.unreadable", name)));
        }
        if (!r.ok()) {
            audit.record(
                    Actor.of(me),
                    auditPrefix + "_IMPORT_REJECTED",
                    null,
                    null,
                    Map.of("file", name, "errors", r.errorCount()));
            return page(
                    request,
                    me,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    new Outcome(
                            kind,
                            false,
                            view.text(request, rejectedKey, name, r.errorCount()),
                            Map.of(),
                            errors(request, r.errors(), r.errorCount())));
        }
        return page(request, me, HttpStatus.OK, done.apply(name, r));
    }

    private List<String> errors(HttpRequest<?> request, List<LineError> errors, int count) {
        List<String> out = new ArrayList<>();
        for (LineError e : errors) {
            out.add(view.text(request, e.messageKey(), e.args().toArray()));
        }
        if (count > errors.size()) {
            out.add(view.text(request, "municipality.import.moreErrors", count - errors.size()));
        }
        return out;
    }

    private static Outcome failure(String kind, String message) {
        return new Outcome(kind, false, message, Map.of(), List.of());
    }

    private static boolean missing(@Nullable CompletedFileUpload file) {
        return file == null || file.getFilename() == null || file.getFilename().isBlank();
    }

    private HttpResponse<String> page(
            HttpRequest<?> request, ConsoleUser me, HttpStatus status, @Nullable Outcome outcome) {
        String q = request.getParameters().get("domain");
        List<DomainRow> rows =
                domains.list(q, DOMAIN_LIST_LIMIT).stream()
                        .map(
                                d ->
                                        new DomainRow(
                                                d.id(),
                                                d.domain(),
                                                d.ags(),
                                                placeName(d.ags()),
                                                sourceLabel(request, d.source()),
                                                d.verified()))
                        .toList();
        return view.render(
                request,
                me,
                status,
                "console/register",
                Pages.model(
                        "outcome",
                        outcome,
                        "activeCount",
                        register.activeCount(),
                        "imports",
                        uploads.recentImports(5),
                        "domainQuery",
                        q == null ? "" : q,
                        "domainRows",
                        rows,
                        "domainLimit",
                        DOMAIN_LIST_LIMIT,
                        "removed",
                        request.getParameters().get("entfernt")));
    }
}
