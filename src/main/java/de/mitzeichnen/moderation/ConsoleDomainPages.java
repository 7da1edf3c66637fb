package de.mitzeichnen.moderation;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.ManagedAppeals;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.municipality.DomainException;
import de.mitzeichnen.municipality.MailDomains;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Domains learnt from an appeal's vouched-for signatures, each registered as the municipality's
 * official domain with one click. Only domains the appeal has actually taught can be registered
 * here.
 */
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleDomainPages {

    static final String SOURCE = "organiser";

    @Serdeable
    record AddForm(@Nullable String ags, @Nullable String domain) {}

    private final ManagedAppeals managed;
    private final LearntDomains learnt;
    private final MailDomains domains;
    private final AuditLog audit;
    private final ConsoleView view;

    ConsoleDomainPages(
            ManagedAppeals managed,
            LearntDomains learnt,
            MailDomains domains,
            AuditLog audit,
            ConsoleView view) {
        this.managed = managed;
        this.learnt = learnt;
        this.domains = domains;
        this.audit = audit;
        this.view = view;
    }

    @Get("/aufrufe/{id}/domains")
    HttpResponse<String> show(
            HttpRequest<?> request, ConsoleUser me, long id, @Nullable @QueryValue String ok) {
        Appeal appeal = managed.byId(me, id);
        String notice =
                "added".equals(ok) ? view.text(request, "console.domains.notice.added") : null;
        return page(request, me, HttpStatus.OK, appeal, notice, null);
    }

    @Post("/aufrufe/{id}/domains")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> add(HttpRequest<?> request, ConsoleUser me, long id, @Body AddForm form) {
        Appeal appeal = managed.byId(me, id);
        String ags = form.ags() == null ? "" : form.ags().strip();
        Optional<LearntDomains.Learnt> found = learnt.find(appeal.id(), ags, form.domain());
        if (found.isEmpty()) {
            return page(
                    request,
                    me,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    appeal,
                    null,
                    view.text(request, "console.domains.error.notLearnt"));
        }
        LearntDomains.Learnt l = found.get();
        try {
            domains.addDomain(l.ags(), l.domain(), SOURCE, true);
        } catch (DomainException e) {
            return page(
                    request,
                    me,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    appeal,
                    null,
                    view.text(request, e.messageKey(), e.args().toArray()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("domain", l.domain());
        details.put("ags", l.ags());
        details.put("municipality", l.municipality());
        details.put("source", SOURCE);
        audit.record(Actor.of(me), "DOMAIN_ADDED", appeal.organiserId(), appeal.id(), details);
        return HttpResponse.seeOther(
                URI.create("/verwaltung/aufrufe/" + appeal.id() + "/domains?ok=added"));
    }

    private HttpResponse<String> page(
            HttpRequest<?> request,
            ConsoleUser me,
            HttpStatus status,
            Appeal appeal,
            @Nullable String notice,
            @Nullable String error) {
        return view.render(
                request,
                me,
                status,
                "console/domains",
                Pages.model(
                        "appeal",
                        appeal,
                        "rows",
                        learnt.of(appeal.id()),
                        "notice",
                        notice,
                        "error",
                        error));
    }
}
