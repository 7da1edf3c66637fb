package de.mitzeichnen.dashboard;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.ManagedAppeals;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.web.Pages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** The console's first page of an appeal: where it stands, at a glance. */
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung/aufrufe/{id}/uebersicht")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleDashboardPages {

    private final ManagedAppeals managed;
    private final AppealDashboard dashboard;
    private final ConsoleView view;

    ConsoleDashboardPages(ManagedAppeals managed, AppealDashboard dashboard, ConsoleView view) {
        this.managed = managed;
        this.dashboard = dashboard;
        this.view = view;
    }

    @Get
    HttpResponse<String> show(HttpRequest<?> request, ConsoleUser me, long id) {
        Appeal appeal = managed.byId(me, id);
        AppealDashboard.View d = dashboard.of(appeal, view.locale(request));
        return view.render(
                request,
                me,
                HttpStatus.OK,
                "console/dashboard",
                Pages.model(
                        "appeal",
                        appeal,
                        "d",
                        d,
                        "counts",
                        d.counts(),
                        "days",
                        d.days(),
                        "chart",
                        d.chart()));
    }
}
