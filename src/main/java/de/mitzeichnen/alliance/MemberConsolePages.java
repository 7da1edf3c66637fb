package de.mitzeichnen.alliance;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.console.UploadedFile;
import de.mitzeichnen.console.Uploads;
import de.mitzeichnen.municipality.Municipality;
import de.mitzeichnen.web.ContentDisposition;
import de.mitzeichnen.web.NotFoundException;
import de.mitzeichnen.web.Pages;
import de.mitzeichnen.web.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.text.Collator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An alliance's members in the console: current, future and past memberships, the form that adds
 * one (the place as in the sign form, with the register's type-ahead), ending a membership, and the
 * evidence. A refused change shows every problem and stores nothing.
 */
@Hidden
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung/buendnisse/{id}/mitglieder")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class MemberConsolePages {

    private static final Set<String> NOTICES = Set.of("added", "ended", "imported");

    /** The fields in the order of the form, for the error summary. */
    static final List<String> FIELDS =
            List.of("country", "place", "joinedOn", "leftOn", "basis", "file");

    /** What the add form sent, kept for the answer with errors. */
    record MemberForm(String place, String country, String joinedOn, String leftOn, String basis) {
        static MemberForm empty() {
            return new MemberForm("", "DE", "", "", "");
        }
    }

    @Serdeable
    record EndForm(@Nullable String leftOn) {}

    /** A membership in the list, with where it stands today. */
    record Line(MemberRow row, String state) {}

    /** A country for the select box. */
    record Country(String code, String name) {}

    private final Alliances alliances;
    private final Memberships memberships;
    private final AllianceStats stats;
    private final Places places;
    private final ConsoleView view;
    private final Texts texts;

    MemberConsolePages(
            Alliances alliances,
            Memberships memberships,
            AllianceStats stats,
            Places places,
            ConsoleView view,
            Texts texts) {
        this.texts = texts;
        this.alliances = alliances;
        this.memberships = memberships;
        this.stats = stats;
        this.places = places;
        this.view = view;
    }

    @Get
    HttpResponse<String> list(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            @Nullable @QueryValue String ok,
            @Nullable @QueryValue String n) {
        Alliance alliance = alliance(id);
        String notice =
                ok != null && NOTICES.contains(ok)
                        ? view.text(
                                request,
                                "alliance.members.notice." + ok,
                                n == null || !n.matches("\\d{1,6}") ? "0" : n)
                        : null;
        return page(
                request,
                me,
                alliance,
                HttpStatus.OK,
                MemberForm.empty(),
                new FormErrors(),
                List.of(),
                notice);
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<String> add(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            @Nullable @Part("place") String place,
            @Nullable @Part("placeChoice") String placeChoice,
            @Nullable @Part("country") String country,
            @Nullable @Part("joinedOn") String joinedOn,
            @Nullable @Part("leftOn") String leftOn,
            @Nullable @Part("basis") String basis,
            @Nullable @Part("file") CompletedFileUpload file) {
        Alliance alliance = alliance(id);
        String chosen = s(placeChoice).isEmpty() ? s(place) : s(placeChoice);
        MemberForm form =
                new MemberForm(
                        chosen,
                        s(country).isEmpty() ? "DE" : s(country),
                        s(joinedOn),
                        s(leftOn),
                        s(basis));
        FormErrors errors = new FormErrors();
        Places.Resolved resolved = places.resolve(form.place(), form.country());
        if (resolved.problem() != null) {
            errors.field(
                    resolved.problem().equals("alliance.error.country") ? "country" : "place",
                    resolved.problem());
        }
        LocalDate joined = Dates.parse(form.joinedOn());
        if (form.joinedOn().isEmpty()) {
            errors.field("joinedOn", "alliance.error.joined.required");
        } else if (joined == null) {
            errors.field("joinedOn", "alliance.error.joined.invalid");
        }
        LocalDate left = form.leftOn().isEmpty() ? null : Dates.parse(form.leftOn());
        if (!form.leftOn().isEmpty() && left == null) {
            errors.field("leftOn", "alliance.error.left.invalid");
        }
        if (Uploads.present(file) && Uploads.tooLarge(file)) {
            errors.field("file", "replies.error.file.tooLarge", Uploads.MAX_BYTES / (1024 * 1024));
        }
        if (errors.isEmpty()) {
            Memberships.Evidence evidence = null;
            if (Uploads.present(file)) {
                UploadedFile p = Uploads.read(file);
                evidence = new Memberships.Evidence(p.name(), p.contentType(), p.content());
            }
            Memberships.Outcome outcome =
                    memberships.add(
                            alliance,
                            new Memberships.NewMember(
                                    resolved.target(),
                                    joined,
                                    left,
                                    form.basis().isEmpty() ? null : form.basis(),
                                    evidence),
                            Actor.of(me));
            if (outcome.ok()) {
                return redirectTo(alliance, "added", 1);
            }
            errors = outcome.errors();
        }
        return page(
                request,
                me,
                alliance,
                HttpStatus.UNPROCESSABLE_ENTITY,
                form,
                errors,
                resolved.candidates(),
                null);
    }

    @Get("/{memberId}/austritt")
    HttpResponse<String> endForm(HttpRequest<?> request, ConsoleUser me, long id, long memberId) {
        Alliance alliance = alliance(id);
        Member m = memberships.member(id, memberId).orElseThrow(NotFoundException::new);
        return endPage(
                request,
                me,
                alliance,
                m,
                HttpStatus.OK,
                memberships.today().toString(),
                new FormErrors());
    }

    @Post("/{memberId}/austritt")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> end(
            HttpRequest<?> request, ConsoleUser me, long id, long memberId, @Body EndForm form) {
        Alliance alliance = alliance(id);
        Member m = memberships.member(id, memberId).orElseThrow(NotFoundException::new);
        String typed = s(form.leftOn());
        LocalDate left = Dates.parse(typed);
        FormErrors errors = new FormErrors();
        if (left == null) {
            errors.field(
                    "leftOn",
                    typed.isEmpty()
                            ? "alliance.error.left.required"
                            : "alliance.error.left.invalid");
        } else {
            Memberships.Outcome outcome = memberships.end(alliance, memberId, left, Actor.of(me));
            if (outcome.ok()) {
                return redirectTo(alliance, "ended", 1);
            }
            errors = outcome.errors();
        }
        return endPage(request, me, alliance, m, HttpStatus.UNPROCESSABLE_ENTITY, typed, errors);
    }

    /** The scan or file of a membership, for the organiser only; never shown inline. */
    @Get("/{memberId}/nachweis")
    @Produces(MediaType.ALL)
    HttpResponse<byte[]> evidence(ConsoleUser me, long id, long memberId) {
        alliance(id);
        Memberships.Evidence f =
                memberships.evidence(id, memberId).orElseThrow(NotFoundException::new);
        return HttpResponse.ok(f.content())
                .contentType(f.contentType())
                .header("Content-Disposition", ContentDisposition.of("attachment", f.name()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store");
    }

    private Alliance alliance(long id) {
        return alliances.byId(id).orElseThrow(NotFoundException::new);
    }

    private HttpResponse<String> page(
            HttpRequest<?> request,
            ConsoleUser me,
            Alliance alliance,
            HttpStatus status,
            MemberForm form,
            FormErrors errors,
            List<Municipality> candidates,
            @Nullable String notice) {
        Locale locale = view.locale(request);
        LocalDate today = memberships.today();
        Collator collator = Collator.getInstance(locale);
        List<Line> lines = new ArrayList<>();
        for (MemberRow r : memberships.named(memberships.all(alliance.id()), locale)) {
            Member m = r.member();
            String state =
                    m.inForceOn(today)
                            ? "current"
                            : m.joinedOn().isAfter(today) ? "future" : "past";
            lines.add(new Line(r, state));
        }
        lines.sort(
                Comparator.comparing(
                                (Line l) -> List.of("current", "future", "past").indexOf(l.state()))
                        .thenComparing(l -> l.row().place().name(), collator)
                        .thenComparing(l -> l.row().member().joinedOn()));
        Map<String, Object> model =
                Pages.model(
                        "alliance",
                        alliance,
                        "lines",
                        lines,
                        "counts",
                        stats.counts(alliance.id()),
                        "form",
                        form,
                        "candidates",
                        candidates,
                        "countries",
                        countries(locale),
                        "maxMb",
                        Uploads.MAX_BYTES / (1024 * 1024),
                        "notice",
                        notice);
        Map<String, String> localized = errors.localized(texts, locale);
        Map<String, String> ordered = new LinkedHashMap<>();
        FIELDS.forEach(
                f -> {
                    if (localized.containsKey(f)) {
                        ordered.put(f, localized.get(f));
                    }
                });
        model.put("errors", ordered);
        model.put("error", errors.general(texts, locale));
        return view.render(request, me, status, "alliance/console-members", model);
    }

    private HttpResponse<String> endPage(
            HttpRequest<?> request,
            ConsoleUser me,
            Alliance alliance,
            Member member,
            HttpStatus status,
            String leftOn,
            FormErrors errors) {
        Locale locale = view.locale(request);
        Map<String, Object> model =
                Pages.model(
                        "alliance",
                        alliance,
                        "row",
                        memberships.named(List.of(member), locale).get(0),
                        "leftOn",
                        leftOn);
        view.withErrors(request, model, errors);
        return view.render(request, me, status, "alliance/console-end", model);
    }

    static HttpResponse<String> redirectTo(Alliance alliance, String notice, int n) {
        return HttpResponse.seeOther(
                URI.create(
                        "/verwaltung/buendnisse/"
                                + alliance.id()
                                + "/mitglieder?ok="
                                + notice
                                + "&n="
                                + n));
    }

    static List<Country> countries(Locale locale) {
        Collator collator = Collator.getInstance(locale);
        List<Country> others =
                Arrays.stream(Locale.getISOCountries())
                        .filter(c -> !c.equals("DE"))
                        .map(c -> new Country(c, Places.countryName(c, locale)))
                        .sorted(Comparator.comparing(Country::name, collator))
                        .toList();
        List<Country> out = new ArrayList<>();
        out.add(new Country("DE", Places.countryName("DE", locale)));
        out.addAll(others);
        return out;
    }

    private static String s(@Nullable String v) {
        return v == null ? "" : v.strip();
    }
}
