package de.mitzeichnen.outcome;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.ManagedAppeals;
import de.mitzeichnen.appeal.PublicAppeals;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.console.UploadedFile;
import de.mitzeichnen.console.Uploads;
import de.mitzeichnen.signing.SignerText;
import de.mitzeichnen.web.ContentDisposition;
import de.mitzeichnen.web.NotFoundException;
import de.mitzeichnen.web.Pages;
import de.mitzeichnen.web.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
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
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * After the deadline: the organiser records the hand-over and later the addressee's answer ({@code
 * /verwaltung/aufrufe/{id}/ergebnis}); the public downloads the files the organiser published.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class OutcomePages {

    static final int MAX_NOTE = 4000;
    static final int MAX_RECIPIENT = 300;
    private static final Set<String> INLINE =
            Set.of("application/pdf", "image/jpeg", "image/png", "image/gif", "image/webp");

    private final ManagedAppeals managed;
    private final PublicAppeals appeals;
    private final Outcomes outcomes;
    private final ConsoleView view;
    private final Texts texts;
    private final Clock clock;

    OutcomePages(
            ManagedAppeals managed,
            PublicAppeals appeals,
            Outcomes outcomes,
            ConsoleView view,
            Texts texts,
            Clock clock) {
        this.texts = texts;
        this.managed = managed;
        this.appeals = appeals;
        this.outcomes = outcomes;
        this.view = view;
        this.clock = clock;
    }

    /** What one of the two forms sent, kept for the answer with errors. */
    record OutcomeForm(String date, String recipient, String note, boolean filePublic) {}

    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Get("/verwaltung/aufrufe/{id}/ergebnis")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> show(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            @Nullable @QueryValue String ok,
            @Nullable @QueryValue String n) {
        Appeal appeal = managed.byId(me, id);
        String notice =
                ok == null
                        ? null
                        : OutcomeKind.bySlug(ok)
                                .map(
                                        k ->
                                                texts.plural(
                                                        view.locale(request),
                                                        "outcome.done."
                                                                + k.name().toLowerCase(Locale.ROOT),
                                                        n == null || !n.matches("\\d{1,9}")
                                                                ? 0
                                                                : Long.parseLong(n)))
                                .orElse(null);
        return page(request, me, appeal, HttpStatus.OK, null, null, Map.of(), notice);
    }

    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Post(
            value = "/verwaltung/aufrufe/{id}/ergebnis/{kind}",
            consumes = MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> record(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            String kind,
            @Nullable @Part("date") String date,
            @Nullable @Part("recipient") String recipient,
            @Nullable @Part("note") String note,
            @Nullable @Part("filePublic") String filePublic,
            @Nullable @Part("file") CompletedFileUpload file) {
        Appeal appeal = managed.byId(me, id);
        OutcomeKind k = OutcomeKind.bySlug(kind).orElseThrow(NotFoundException::new);
        OutcomeForm form =
                new OutcomeForm(
                        s(date),
                        s(recipient),
                        note == null ? "" : note.strip(),
                        filePublic != null);
        if (!afterDeadline(appeal)) {
            return page(request, me, appeal, HttpStatus.CONFLICT, k, form, Map.of(), null);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate day = date(form.date());
        if (day == null
                || day.isAfter(
                        LocalDate.now(
                                clock.withZone(de.mitzeichnen.config.MitzeichnenConfig.ZONE)))) {
            errors.put(k.slug() + "-date", view.text(request, "outcome.error.date"));
        }
        if (form.recipient().length() > MAX_RECIPIENT || SignerText.hasControl(form.recipient())) {
            errors.put(k.slug() + "-recipient", view.text(request, "outcome.error.recipient"));
        }
        if (form.note().isEmpty()) {
            errors.put(k.slug() + "-note", view.text(request, "outcome.error.note.required"));
        } else if (form.note().length() > MAX_NOTE) {
            errors.put(
                    k.slug() + "-note", view.text(request, "outcome.error.note.tooLong", MAX_NOTE));
        }
        if (Uploads.present(file) && Uploads.tooLarge(file)) {
            errors.put(
                    k.slug() + "-file",
                    view.text(
                            request,
                            "replies.error.file.tooLarge",
                            Uploads.MAX_BYTES / (1024 * 1024)));
        }
        if (k == OutcomeKind.ANSWER
                && !outcomes.of(appeal.id()).containsKey(OutcomeKind.HANDOVER)) {
            errors.put(k.slug() + "-date", view.text(request, "outcome.error.handoverFirst"));
        }
        if (!errors.isEmpty()) {
            return page(
                    request, me, appeal, HttpStatus.UNPROCESSABLE_ENTITY, k, form, errors, null);
        }
        UploadedFile stored = Uploads.present(file) ? Uploads.read(file) : null;
        int mailed =
                outcomes.record(
                        appeal,
                        k,
                        new Outcomes.Entry(
                                day,
                                form.recipient().isEmpty() ? null : form.recipient(),
                                form.note(),
                                stored,
                                form.filePublic()),
                        Actor.of(me));
        return HttpResponse.seeOther(
                URI.create(
                        "/verwaltung/aufrufe/" + id + "/ergebnis?ok=" + k.slug() + "&n=" + mailed));
    }

    /** The organiser's own copy of a file, published or not. */
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Get("/verwaltung/aufrufe/{id}/ergebnis/{kind}/datei")
    @Produces(MediaType.ALL)
    HttpResponse<byte[]> consoleFile(ConsoleUser me, long id, String kind) {
        Appeal appeal = managed.byId(me, id);
        OutcomeKind k = OutcomeKind.bySlug(kind).orElseThrow(NotFoundException::new);
        return send(
                outcomes.file(appeal.id(), k, false).orElseThrow(NotFoundException::new),
                "private, no-store");
    }

    /** A file the organiser published with the hand-over or the answer. */
    @Get("/aufrufe/{slug}/ergebnis/{kind}/datei")
    @Produces(MediaType.ALL)
    HttpResponse<byte[]> publicFile(String slug, String kind) {
        Appeal appeal = appeals.publicAppeal(slug).orElseThrow(NotFoundException::new);
        OutcomeKind k = OutcomeKind.bySlug(kind).orElseThrow(NotFoundException::new);
        return send(
                outcomes.file(appeal.id(), k, true).orElseThrow(NotFoundException::new),
                "public, max-age=300");
    }

    private static HttpResponse<byte[]> send(UploadedFile f, String cache) {
        // only PDFs and images are shown in the browser; anything else is a download, never sniffed
        String disposition = INLINE.contains(f.contentType()) ? "inline" : "attachment";
        return HttpResponse.ok(f.content())
                .contentType(f.contentType())
                .header("Content-Disposition", ContentDisposition.of(disposition, f.name()))
                .header("X-Content-Type-Options", "nosniff")
                .header(
                        "Content-Security-Policy",
                        // frame-ancestors: no other site shows our file inside its own page
                        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline';"
                                + " frame-ancestors 'none'")
                .header("Cache-Control", cache);
    }

    private boolean afterDeadline(Appeal appeal) {
        AppealStatus now = appeal.statusAt(clock.instant());
        return now == AppealStatus.CLOSED || now == AppealStatus.ARCHIVED;
    }

    private HttpResponse<String> page(
            HttpRequest<?> request,
            ConsoleUser me,
            Appeal appeal,
            HttpStatus status,
            @Nullable OutcomeKind failed,
            @Nullable OutcomeForm form,
            Map<String, String> errors,
            @Nullable String notice) {
        Map<OutcomeKind, Outcomes.Stored> stored = outcomes.of(appeal.id());
        Map<String, Object> forms = new LinkedHashMap<>();
        for (OutcomeKind k : OutcomeKind.values()) {
            Outcomes.Stored s = stored.get(k);
            forms.put(
                    k.slug(),
                    k == failed
                            ? form
                            : s == null
                                    ? new OutcomeForm("", "", "", false)
                                    : new OutcomeForm(
                                            s.date().toString(),
                                            s.recipient() == null ? "" : s.recipient(),
                                            s.note(),
                                            s.filePublic()));
        }
        Map<String, Object> model =
                Pages.model(
                        "appeal",
                        appeal,
                        "forms",
                        forms,
                        "errors",
                        errors,
                        "handover",
                        stored.get(OutcomeKind.HANDOVER),
                        "answer",
                        stored.get(OutcomeKind.ANSWER),
                        "afterDeadline",
                        afterDeadline(appeal),
                        "notice",
                        notice,
                        "maxMb",
                        Uploads.MAX_BYTES / (1024 * 1024));
        return view.render(request, me, status, "console/outcome", model);
    }

    static LocalDate date(String text) {
        try {
            return text.matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(text) : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String s(@Nullable String v) {
        return v == null ? "" : v.strip();
    }
}
