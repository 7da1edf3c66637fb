package de.mitzeichnen.alliance;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.console.FormFields;
import de.mitzeichnen.web.NotFoundException;
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
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The appeals an alliance runs, in the console: link one of the organisation's appeals to the
 * alliance or unlink it, and invite the current members' contacts to it — all or some roles and
 * bodies — after a preview of who is invited and who is left out, and why.
 */
@Hidden
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung/buendnisse/{id}/aufrufe")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class AllianceAppealPages {

    private static final Set<String> NOTICES = Set.of("linked", "unlinked", "invited");
    private static final Set<String> MAIL_LANGUAGES = Set.of("de", "en");

    @Serdeable
    record LinkForm(@Nullable String appealId) {}

    /**
     * The invitation form: a box per role ({@code r:MAYOR}) and per body ({@code b:Sozialreferat},
     * {@code b:} for contacts without one), and the mails' language.
     */
    record InviteForm(Set<String> roles, Set<String> bodies, @Nullable String language) {
        static InviteForm of(Map<String, String> fields) {
            Set<String> roles = new LinkedHashSet<>();
            Set<String> bodies = new LinkedHashSet<>();
            fields.keySet()
                    .forEach(
                            k -> {
                                if (k.startsWith("r:")) {
                                    roles.add(k.substring(2));
                                } else if (k.startsWith("b:")) {
                                    bodies.add(k.substring(2).strip());
                                }
                            });
            return new InviteForm(roles, bodies, fields.get("language"));
        }
    }

    /** An appeal the alliance runs, with its state now. */
    record Line(Appeal appeal, String status, boolean canInvite) {}

    private final ConsoleAlliances consoleAlliances;
    private final AllianceAppeals allianceAppeals;
    private final Appeals appeals;
    private final MemberInvitations invitations;
    private final ConsoleView view;
    private final Clock clock;

    AllianceAppealPages(
            ConsoleAlliances consoleAlliances,
            AllianceAppeals allianceAppeals,
            Appeals appeals,
            MemberInvitations invitations,
            ConsoleView view,
            Clock clock) {
        this.consoleAlliances = consoleAlliances;
        this.allianceAppeals = allianceAppeals;
        this.appeals = appeals;
        this.invitations = invitations;
        this.view = view;
        this.clock = clock;
    }

    @Get
    HttpResponse<String> list(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            @Nullable @QueryValue String ok,
            @Nullable @QueryValue String n) {
        Alliance alliance = consoleAlliances.managed(me, id);
        String notice =
                ok != null && NOTICES.contains(ok)
                        ? view.text(
                                request,
                                "alliance.appeals.notice." + ok,
                                n == null || !n.matches("\\d{1,6}") ? "0" : n)
                        : null;
        return listPage(request, me, alliance, HttpStatus.OK, notice, null);
    }

    @Post("/verknuepfen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> link(HttpRequest<?> request, ConsoleUser me, long id, @Body LinkForm form) {
        Alliance alliance = consoleAlliances.managed(me, id);
        Long appealId = FormFields.parseLong(form.appealId());
        Appeal appeal = appealId == null ? null : appeals.byId(appealId).orElse(null);
        String problem = null;
        if (appeal == null || !appeal.organiserId().equals(alliance.organiserId())) {
            problem = "alliance.appeals.error.unknown";
        } else if (allianceAppeals.allianceOf(appeal.id()).isPresent()) {
            problem = "alliance.appeals.error.taken";
        } else if (!allianceAppeals.link(alliance, appeal, Actor.of(me))) {
            problem = "alliance.appeals.error.taken";
        }
        if (problem != null) {
            return listPage(
                    request,
                    me,
                    alliance,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    null,
                    view.text(request, problem));
        }
        return back(alliance, "linked");
    }

    @Post("/{appealId}/loesen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> unlink(HttpRequest<?> request, ConsoleUser me, long id, long appealId) {
        Alliance alliance = consoleAlliances.managed(me, id);
        Appeal appeal = runBy(alliance, appealId);
        allianceAppeals.unlink(alliance, appeal, Actor.of(me));
        return back(alliance, "unlinked");
    }

    @Get("/{appealId}/einladen")
    HttpResponse<String> invitePage(
            HttpRequest<?> request, ConsoleUser me, long id, long appealId) {
        Alliance alliance = consoleAlliances.managed(me, id);
        Appeal appeal = runBy(alliance, appealId);
        Map<String, String> query = new java.util.HashMap<>();
        request.getParameters().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        return invite(request, me, alliance, appeal, InviteForm.of(query), HttpStatus.OK, null);
    }

    @Post("/{appealId}/einladen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> inviteAll(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            long appealId,
            @Body Map<String, String> fields) {
        Alliance alliance = consoleAlliances.managed(me, id);
        Appeal appeal = runBy(alliance, appealId);
        InviteForm form = InviteForm.of(fields);
        if (!invitations.canInvite(appeal)) {
            return invite(
                    request,
                    me,
                    alliance,
                    appeal,
                    form,
                    HttpStatus.CONFLICT,
                    view.text(request, "console.invitations.notOpen"));
        }
        MemberInvitations.Filter filter = filter(form);
        int invited =
                invitations.invite(
                        alliance,
                        appeal,
                        filter,
                        Actor.of(me),
                        Locale.forLanguageTag(language(form)),
                        filterText(filter));
        return HttpResponse.seeOther(
                URI.create(
                        "/verwaltung/buendnisse/"
                                + alliance.id()
                                + "/aufrufe?ok=invited&n="
                                + invited));
    }

    private HttpResponse<String> invite(
            HttpRequest<?> request,
            ConsoleUser me,
            Alliance alliance,
            Appeal appeal,
            InviteForm form,
            HttpStatus status,
            @Nullable String error) {
        Locale locale = view.locale(request);
        MemberInvitations.Filter filter = filter(form);
        MemberInvitations.Plan plan = invitations.plan(alliance, appeal, filter, locale);
        Map<String, Object> model =
                Pages.model(
                        "alliance", alliance,
                        "appeal", appeal,
                        "choices", invitations.choices(alliance),
                        "chosenRoles", filter.roles(),
                        "chosenBodies", filter.bodies(),
                        "language", language(form),
                        "plan", plan,
                        "canInvite", invitations.canInvite(appeal),
                        "skips", MemberInvitations.Skip.values(),
                        "error", error);
        return view.render(request, me, status, "alliance/appeal-invite", model);
    }

    private HttpResponse<String> listPage(
            HttpRequest<?> request,
            ConsoleUser me,
            Alliance alliance,
            HttpStatus status,
            @Nullable String notice,
            @Nullable String error) {
        List<Long> ids = allianceAppeals.appealIds(alliance.id());
        List<Line> lines =
                ids.stream()
                        .map(appeals::byId)
                        .flatMap(java.util.Optional::stream)
                        .map(
                                a ->
                                        new Line(
                                                a,
                                                a.statusAt(clock.instant()).name(),
                                                invitations.canInvite(a)))
                        .toList();
        // the organisation's appeals no alliance runs yet
        List<Appeal> linkable =
                appeals.ofOrganiser(alliance.organiserId()).stream()
                        .filter(a -> allianceAppeals.allianceOf(a.id()).isEmpty())
                        .toList();
        return view.render(
                request,
                me,
                status,
                "alliance/appeals",
                Pages.model(
                        "alliance", alliance,
                        "lines", lines,
                        "linkable", linkable,
                        "notice", notice,
                        "error", error));
    }

    /** The appeal, when the alliance runs it; 404 otherwise. */
    private Appeal runBy(Alliance alliance, long appealId) {
        if (!allianceAppeals.allianceOf(appealId).map(a -> a.equals(alliance.id())).orElse(false)) {
            throw new NotFoundException();
        }
        return appeals.byId(appealId).orElseThrow(NotFoundException::new);
    }

    static MemberInvitations.Filter filter(InviteForm form) {
        Set<SignerRole> roles = EnumSet.noneOf(SignerRole.class);
        form.roles().stream()
                .map(SignerRole::parse)
                .flatMap(java.util.Optional::stream)
                .forEach(roles::add);
        return new MemberInvitations.Filter(roles, form.bodies());
    }

    private static String language(InviteForm form) {
        return form.language() != null && MAIL_LANGUAGES.contains(form.language())
                ? form.language()
                : "de";
    }

    /** The filter for the audit log: role codes and bodies as chosen. */
    static String filterText(MemberInvitations.Filter f) {
        return (f.roles().isEmpty()
                        ? "*"
                        : String.join(",", f.roles().stream().map(Enum::name).toList()))
                + " / "
                + (f.bodies().isEmpty() ? "*" : String.join(",", f.bodies()));
    }

    private static HttpResponse<?> back(Alliance alliance, String notice) {
        return HttpResponse.seeOther(
                URI.create("/verwaltung/buendnisse/" + alliance.id() + "/aufrufe?ok=" + notice));
    }
}
