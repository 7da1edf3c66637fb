package de.mitzeichnen.audit;

import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.web.Pages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The audit log: everything for platform admins, the own organisation's entries for organisers. */
@Secured(SecurityRule.IS_AUTHENTICATED)
// console pages are no part of the open API document
@Hidden
@Controller("/verwaltung/protokoll")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class AuditPages {

    /** One line as shown. */
    record Row(
            AuditEntry entry,
            String action,
            Map<String, Object> details,
            String organiser,
            @Nullable Long appealId,
            @Nullable String appealTitle) {}

    private final AuditLog audit;
    private final Map<AuditNames.Subject, AuditNames> names =
            new EnumMap<>(AuditNames.Subject.class);
    private final ConsoleView view;
    private final AuditWords words;

    AuditPages(AuditLog audit, List<AuditNames> names, ConsoleView view, AuditWords words) {
        this.words = words;
        this.audit = audit;
        names.forEach(n -> this.names.put(n.subject(), n));
        this.view = view;
    }

    @Get
    HttpResponse<String> list(
            HttpRequest<?> request, ConsoleUser me, @Nullable @QueryValue String seite) {
        int pageNo = Math.max(1, parse(seite));
        Page<AuditEntry> page =
                me.isPlatformAdmin()
                        ? audit.all(pageNo - 1)
                        : audit.ofOrganiser(me.organiserId(), pageNo - 1);
        Map<Long, String> organiserNames = new HashMap<>();
        Map<Long, String> appealTitles = new HashMap<>();
        List<Row> rows =
                page.getContent().stream()
                        .map(
                                e ->
                                        new Row(
                                                e,
                                                label(request, e.action()),
                                                words.describe(
                                                        audit.details(e), view.locale(request)),
                                                e.organiserId() == null
                                                        ? ""
                                                        : organiserNames.computeIfAbsent(
                                                                e.organiserId(),
                                                                id ->
                                                                        name(
                                                                                        AuditNames
                                                                                                .Subject
                                                                                                .ORGANISER,
                                                                                        id)
                                                                                .orElse("#" + id)),
                                                e.appealId(),
                                                e.appealId() == null
                                                        ? null
                                                        : appealTitles.computeIfAbsent(
                                                                e.appealId(),
                                                                id ->
                                                                        name(
                                                                                        AuditNames
                                                                                                .Subject
                                                                                                .APPEAL,
                                                                                        id)
                                                                                .orElse(null))))
                        .toList();
        int totalPages = Math.max(1, page.getTotalPages());
        return view.render(
                request,
                me,
                HttpStatus.OK,
                "console/audit",
                Pages.model(
                        "rows",
                        rows,
                        "pageNo",
                        pageNo,
                        "totalPages",
                        totalPages,
                        "hasPrevious",
                        pageNo > 1,
                        "hasNext",
                        pageNo < totalPages));
    }

    private Optional<String> name(AuditNames.Subject subject, long id) {
        AuditNames n = names.get(subject);
        return n == null ? Optional.empty() : n.name(id);
    }

    /** The action's label, or its name for actions this version does not know. */
    private String label(HttpRequest<?> request, String action) {
        String key = "audit.action." + action;
        String text = view.text(request, key);
        return text.equals(key) ? action : text;
    }

    private static int parse(@Nullable String s) {
        try {
            return s == null ? 1 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
