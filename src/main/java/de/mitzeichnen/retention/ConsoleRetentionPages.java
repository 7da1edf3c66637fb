package de.mitzeichnen.retention;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.ManagedAppeals;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.web.Pages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.Map;

/**
 * The appeal's retention time: how many days after the deadline its signers' data are kept
 * (30–730).
 */
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung/aufrufe/{id}/aufbewahrung")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleRetentionPages {

    /** The days to keep the data; empty for the platform's default. */
    @Serdeable
    record DaysForm(@Nullable String days) {}

    private final ManagedAppeals managed;
    private final Retention retention;
    private final RetentionConfig config;
    private final AuditLog audit;
    private final ConsoleView view;

    ConsoleRetentionPages(
            ManagedAppeals managed,
            Retention retention,
            RetentionConfig config,
            AuditLog audit,
            ConsoleView view) {
        this.managed = managed;
        this.retention = retention;
        this.config = config;
        this.audit = audit;
        this.view = view;
    }

    @Get
    HttpResponse<String> show(HttpRequest<?> request, ConsoleUser me, long id) {
        Appeal appeal = managed.byId(me, id);
        String days = retention.ownDays(appeal.id()).map(String::valueOf).orElse("");
        return page(request, me, appeal, HttpStatus.OK, days, Map.of());
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, ConsoleUser me, long id, @Body DaysForm form) {
        Appeal appeal = managed.byId(me, id);
        String text = form.days() == null ? "" : form.days().strip();
        Integer days = null;
        if (!text.isEmpty()) {
            try {
                days = Integer.valueOf(text);
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (days < RetentionConfig.MIN_DAYS || days > RetentionConfig.MAX_DAYS) {
                return page(
                        request,
                        me,
                        appeal,
                        HttpStatus.UNPROCESSABLE_ENTITY,
                        text,
                        Map.of(
                                "days",
                                view.text(
                                        request,
                                        "retention.console.error.range",
                                        RetentionConfig.MIN_DAYS,
                                        RetentionConfig.MAX_DAYS)));
            }
        }
        retention.setDays(appeal.id(), days);
        audit.record(
                Actor.of(me),
                "RETENTION_SET",
                appeal.organiserId(),
                appeal.id(),
                Map.of("days", days == null ? "default" : String.valueOf(days)));
        return HttpResponse.seeOther(
                URI.create("/verwaltung/aufrufe/" + id + "/aufbewahrung?done=1"));
    }

    private HttpResponse<String> page(
            HttpRequest<?> request,
            ConsoleUser me,
            Appeal appeal,
            HttpStatus status,
            String days,
            Map<String, String> errors) {
        return view.render(
                request,
                me,
                status,
                "console/retention",
                Pages.model(
                        "appeal",
                        appeal,
                        "days",
                        days,
                        "defaultDays",
                        config.getDays(),
                        "min",
                        RetentionConfig.MIN_DAYS,
                        "max",
                        RetentionConfig.MAX_DAYS,
                        "dueAt",
                        retention.dueAt(appeal),
                        "errors",
                        errors,
                        "done",
                        request.getParameters().get("done")));
    }
}
