package de.mitzeichnen.audit.console;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealRepository;
import de.mitzeichnen.audit.AuditEntry;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.audit.AuditWords;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.OrganiserRepository;
import de.mitzeichnen.security.ConsoleUser;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The audit log: everything for platform admins, the own organisation's entries for organisers. */
@Secured(SecurityRule.IS_AUTHENTICATED)
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
            @Nullable Appeal appeal) {}

    private final AuditLog audit;
    private final OrganiserRepository organisers;
    private final AppealRepository appeals;
    private final ConsoleView view;
    private final AuditWords words;

    AuditPages(
            AuditLog audit,
            OrganiserRepository organisers,
            AppealRepository appeals,
            ConsoleView view,
            AuditWords words) {
        this.words = words;
        this.audit = audit;
        this.organisers = organisers;
        this.appeals = appeals;
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
        Map<Long, Appeal> appealsById = new HashMap<>();
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
                                                                        organisers
                                                                                .findById(id)
                                                                                .map(
                                                                                        Organiser
                                                                                                ::name)
                                                                                .orElse("#" + id)),
                                                e.appealId() == null
                                                        ? null
                                                        : appealsById.computeIfAbsent(
                                                                e.appealId(),
                                                                id ->
                                                                        appeals.findById(id)
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
