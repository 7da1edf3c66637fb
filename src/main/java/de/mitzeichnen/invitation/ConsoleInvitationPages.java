package de.mitzeichnen.invitation;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.ManagedAppeals;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.console.FormFields;
import de.mitzeichnen.db.Sql;
import de.mitzeichnen.web.Pages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An appeal's personal invitations: upload a list, see a preview of every row with its problems,
 * confirm to store the good rows and queue their mails; follow the progress, remind everyone who
 * has not signed, set the days of the automatic reminders. Nothing is stored or sent before the
 * confirmation.
 */
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleInvitationPages {

    static final int PAGE_SIZE = 50;

    /**
     * The preview carries the file in a hidden field (base64); this keeps the confirming post below
     * the request limit.
     */
    static final int MAX_FILE_BYTES = 2 * 1024 * 1024;

    private static final Set<String> NOTICES = Set.of("sent", "reminded", "days");
    private static final Set<String> MAIL_LANGUAGES = Set.of("de", "en");

    @Serdeable
    record ConfirmForm(
            @Nullable String content, @Nullable String fileName, @Nullable String language) {}

    @Serdeable
    record DaysForm(@Nullable String days) {}

    /** One row of the preview: the line as read and its problems in the reader's language. */
    record PreviewRow(
            InvitationCsv.Line line, String role, String municipality, List<String> problems) {}

    private final ManagedAppeals managed;
    private final InvitationCsv csv;
    private final Invitations invitations;
    private final ConsoleView view;
    private final Clock clock;

    ConsoleInvitationPages(
            ManagedAppeals managed,
            InvitationCsv csv,
            Invitations invitations,
            ConsoleView view,
            Clock clock) {
        this.managed = managed;
        this.csv = csv;
        this.invitations = invitations;
        this.view = view;
        this.clock = clock;
    }

    @Get("/aufrufe/{id}/einladungen")
    HttpResponse<String> show(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            @Nullable @QueryValue String ok,
            @Nullable @QueryValue String n,
            @Nullable @QueryValue String seite) {
        Appeal appeal = managed.byId(me, id);
        String notice =
                ok != null && NOTICES.contains(ok)
                        ? view.text(request, "console.invitations.notice." + ok, number(n, 0))
                        : null;
        return page(
                request,
                me,
                HttpStatus.OK,
                appeal,
                number(seite, 1),
                notice,
                null,
                daysText(appeal));
    }

    @Post(value = "/aufrufe/{id}/einladungen/vorschau", consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<String> preview(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            @Nullable @Part("file") CompletedFileUpload file) {
        Appeal appeal = managed.byId(me, id);
        if (!canInvite(appeal)) {
            return notOpen(request, me, appeal);
        }
        if (file == null || file.getFilename() == null || file.getFilename().isBlank()) {
            return refused(
                    request, me, appeal, view.text(request, "console.invitations.error.noFile"));
        }
        if (file.getSize() > MAX_FILE_BYTES) {
            return refused(
                    request,
                    me,
                    appeal,
                    view.text(
                            request,
                            "console.invitations.error.tooLarge",
                            MAX_FILE_BYTES / (1024 * 1024)));
        }
        byte[] bytes = bytes(file);
        InvitationCsv.Parsed parsed = csv.parse(appeal, bytes);
        if (parsed.fileProblem() != null) {
            return fileProblem(request, me, appeal, file.getFilename(), parsed.fileProblem());
        }
        Locale locale = view.locale(request);
        List<PreviewRow> rows = new ArrayList<>();
        for (InvitationCsv.Line line : parsed.lines()) {
            String role =
                    line.signerRole() == null
                            ? line.role()
                            : view.text(request, line.signerRole().messageKey());
            String place =
                    line.place() == null
                            ? line.municipality()
                            : line.place().displayName() + " (" + line.place().ags() + ")";
            rows.add(
                    new PreviewRow(
                            line,
                            role,
                            place,
                            line.problems().stream().map(k -> view.text(request, k)).toList()));
        }
        int good = parsed.good().size();
        long bad = parsed.bad();
        Map<String, Object> model =
                Pages.model(
                        "appeal",
                        appeal,
                        "rows",
                        rows,
                        "good",
                        good,
                        "bad",
                        bad,
                        "ready",
                        good == 1
                                ? view.text(request, "console.invitations.preview.ready.one")
                                : view.text(request, "console.invitations.preview.ready", good),
                        "problems",
                        bad == 1
                                ? view.text(request, "console.invitations.preview.problems.one")
                                : view.text(request, "console.invitations.preview.problems", bad),
                        "fileContent",
                        Base64.getEncoder().encodeToString(bytes),
                        "fileName",
                        FormFields.fileName(file.getFilename()),
                        "language",
                        MAIL_LANGUAGES.contains(locale.getLanguage())
                                ? locale.getLanguage()
                                : "de");
        return view.render(request, me, HttpStatus.OK, "console/invitations-preview", model);
    }

    @Post("/aufrufe/{id}/einladungen/senden")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> send(HttpRequest<?> request, ConsoleUser me, long id, @Body ConfirmForm form) {
        Appeal appeal = managed.byId(me, id);
        if (!canInvite(appeal)) {
            return notOpen(request, me, appeal);
        }
        byte[] bytes;
        try {
            bytes =
                    Base64.getDecoder()
                            .decode(form.content() == null ? "" : form.content().strip());
        } catch (IllegalArgumentException notBase64) {
            bytes = new byte[0];
        }
        // The very file of the preview, read again: rows that meanwhile signed or were invited drop
        // out.
        InvitationCsv.Parsed parsed = csv.parse(appeal, bytes);
        if (parsed.fileProblem() != null) {
            return fileProblem(request, me, appeal, form.fileName(), parsed.fileProblem());
        }
        String language =
                form.language() != null && MAIL_LANGUAGES.contains(form.language())
                        ? form.language()
                        : "de";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", FormFields.fileName(form.fileName()));
        details.put("rows", parsed.lines().size());
        details.put("withProblems", parsed.bad());
        details.put("language", language);
        int sent;
        try {
            sent =
                    invitations.invite(
                            appeal,
                            parsed.lines(),
                            Actor.of(me),
                            Locale.forLanguageTag(language),
                            details);
        } catch (DataAccessException e) {
            if (!Sql.isDuplicateKey(e)) {
                throw e;
            }
            // The same list confirmed twice at once (two tabs): the other confirmation has stored
            // it.
            return page(
                    request,
                    me,
                    HttpStatus.CONFLICT,
                    appeal,
                    1,
                    null,
                    view.text(request, "console.invitations.error.concurrent"),
                    daysText(appeal));
        }
        return redirect(appeal, "sent", sent);
    }

    @Post("/aufrufe/{id}/einladungen/erinnern")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> remind(HttpRequest<?> request, ConsoleUser me, long id) {
        Appeal appeal = managed.byId(me, id);
        if (!canInvite(appeal)) {
            return notOpen(request, me, appeal);
        }
        int reminded = invitations.remindAll(appeal, Actor.of(me));
        return redirect(appeal, "reminded", reminded);
    }

    @Post("/aufrufe/{id}/einladungen/erinnerungstage")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> reminderDays(
            HttpRequest<?> request, ConsoleUser me, long id, @Body DaysForm form) {
        Appeal appeal = managed.byId(me, id);
        String typed = form.days() == null ? "" : form.days().strip();
        List<Integer> days = parseDays(typed);
        if (days != null) {
            try {
                invitations.setReminderDays(appeal, days, Actor.of(me));
            } catch (IllegalArgumentException invalid) {
                days = null;
            }
        }
        if (days == null) {
            return page(
                    request,
                    me,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    appeal,
                    1,
                    null,
                    view.text(request, "invitation.reminderDays.invalid"),
                    typed);
        }
        return redirect(appeal, "days", 0);
    }

    /**
     * "7, 2" or "7 2" → [7, 2]; empty → [] (no automatic reminders); null when something is not a
     * small number.
     */
    static List<Integer> parseDays(String typed) {
        if (typed.isEmpty()) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (String part :
                Arrays.stream(typed.split("[,;\\s]+")).filter(s -> !s.isEmpty()).toList()) {
            if (!part.matches("\\d{1,3}")) {
                return null;
            }
            out.add(Integer.valueOf(part));
        }
        return out;
    }

    /** The upload page again, saying what is wrong with the file as a whole. */
    private HttpResponse<String> fileProblem(
            HttpRequest<?> request,
            ConsoleUser me,
            Appeal appeal,
            String fileName,
            String problemKey) {
        return refused(
                request,
                me,
                appeal,
                view.text(
                                request,
                                "console.invitations.preview.fileProblem",
                                FormFields.fileName(fileName))
                        + " "
                        + view.text(request, problemKey));
    }

    /** The list again (409): invitations go out only while the appeal is open. */
    private HttpResponse<String> notOpen(HttpRequest<?> request, ConsoleUser me, Appeal appeal) {
        return page(
                request,
                me,
                HttpStatus.CONFLICT,
                appeal,
                1,
                null,
                view.text(request, "console.invitations.notOpen"),
                daysText(appeal));
    }

    /** The first page of the list again (422) with {@code error} above it. */
    private HttpResponse<String> refused(
            HttpRequest<?> request, ConsoleUser me, Appeal appeal, String error) {
        return page(
                request,
                me,
                HttpStatus.UNPROCESSABLE_ENTITY,
                appeal,
                1,
                null,
                error,
                daysText(appeal));
    }

    private HttpResponse<String> page(
            HttpRequest<?> request,
            ConsoleUser me,
            HttpStatus status,
            Appeal appeal,
            int pageNo,
            @Nullable String notice,
            @Nullable String error,
            String days) {
        Invitations.Progress progress = invitations.progress(appeal.id());
        int totalPages = (int) Math.max(1, (progress.invited() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(1, pageNo), totalPages);
        List<SignerRole> roles =
                appeal.allowedRoles().stream().filter(r -> r != SignerRole.OTHER).sorted().toList();
        Map<String, Object> model =
                Pages.model(
                        "appeal", appeal,
                        "status", appeal.statusAt(clock.instant()),
                        "canInvite", canInvite(appeal),
                        "progress", progress,
                        "rows", invitations.list(appeal.id(), (current - 1) * PAGE_SIZE, PAGE_SIZE),
                        "pageNo", current,
                        "totalPages", totalPages,
                        "hasPrevious", current > 1,
                        "hasNext", current < totalPages,
                        "roles", roles,
                        "days", days,
                        "notice", notice,
                        "error", error);
        return view.render(request, me, status, "console/invitations", model);
    }

    /**
     * Invitation links open the public sign form: only a published appeal before its deadline has
     * one.
     */
    private boolean canInvite(Appeal appeal) {
        return appeal.statusAt(clock.instant()) == AppealStatus.OPEN;
    }

    private String daysText(Appeal appeal) {
        return String.join(
                ", ", invitations.reminderDays(appeal.id()).stream().map(String::valueOf).toList());
    }

    private static HttpResponse<?> redirect(Appeal appeal, String notice, int count) {
        return HttpResponse.seeOther(
                URI.create(
                        "/verwaltung/aufrufe/"
                                + appeal.id()
                                + "/einladungen?ok="
                                + notice
                                + "&n="
                                + count));
    }

    private static byte[] bytes(CompletedFileUpload file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int number(@Nullable String s, int fallback) {
        try {
            return s == null ? fallback : Math.max(0, Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
