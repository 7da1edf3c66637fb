package de.mitzeichnen.replies;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.ManagedAppeals;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.console.UploadedFile;
import de.mitzeichnen.console.Uploads;
import de.mitzeichnen.signing.Evidence;
import de.mitzeichnen.signing.ReplyForms;
import de.mitzeichnen.signing.SignForm;
import de.mitzeichnen.signing.Signatures;
import de.mitzeichnen.signing.VerificationMethod;
import de.mitzeichnen.web.ContentDisposition;
import de.mitzeichnen.web.NotFoundException;
import de.mitzeichnen.web.Pages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
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
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replies received elsewhere (by e-mail, letter, council resolution, phone): the organiser records
 * one by hand, with the evidence and an optional scan; it counts at once as verified by the
 * organiser.
 */
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung/aufrufe/{id}/rueckmeldungen")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class ReplyPages {

    static final int MAX_NOTE = 500;

    /** The fields in the order of the form, for the error summary. */
    static final List<String> FIELDS =
            List.of(
                    "name",
                    "role",
                    "roleOther",
                    "body",
                    "municipality",
                    "email",
                    "method",
                    "evidenceDate",
                    "note",
                    "file");

    private final ManagedAppeals managed;
    private final ReplyForms forms;
    private final Signatures signatures;
    private final ConsoleView view;
    private final ReplyCsv csv;
    private final ReplyImport replyImport;
    private final de.mitzeichnen.municipality.MunicipalityRegister register;
    private final Clock clock;

    ReplyPages(
            ManagedAppeals managed,
            ReplyForms forms,
            Signatures signatures,
            ConsoleView view,
            ReplyCsv csv,
            ReplyImport replyImport,
            de.mitzeichnen.municipality.MunicipalityRegister register,
            Clock clock) {
        this.register = register;
        this.csv = csv;
        this.replyImport = replyImport;
        this.managed = managed;
        this.forms = forms;
        this.signatures = signatures;
        this.view = view;
        this.clock = clock;
    }

    /** What the form sent, kept for the answer with errors. */
    record ReplyForm(
            String name,
            String role,
            String roleOther,
            String body,
            String municipality,
            String email,
            boolean publicName,
            boolean outcomeMails,
            String method,
            String evidenceDate,
            String note) {
        static ReplyForm empty() {
            return new ReplyForm("", "", "", "", "", "", false, false, "", "", "");
        }

        SignForm signForm() {
            return new SignForm(
                    name,
                    role,
                    roleOther,
                    body,
                    municipality,
                    "DE",
                    email,
                    publicName,
                    false,
                    outcomeMails);
        }
    }

    @Get
    HttpResponse<String> form(
            HttpRequest<?> request, ConsoleUser me, long id, @Nullable @QueryValue String ok) {
        Appeal appeal = managed.byId(me, id);
        return page(
                request, me, appeal, HttpStatus.OK, ReplyForm.empty(), Map.of(), "1".equals(ok));
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<String> record(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            @Nullable @Part("name") String name,
            @Nullable @Part("role") String role,
            @Nullable @Part("roleOther") String roleOther,
            @Nullable @Part("body") String body,
            @Nullable @Part("municipality") String municipality,
            @Nullable @Part("email") String email,
            @Nullable @Part("publicName") String publicName,
            @Nullable @Part("outcomeMails") String outcomeMails,
            @Nullable @Part("method") String method,
            @Nullable @Part("evidenceDate") String evidenceDate,
            @Nullable @Part("note") String note,
            @Nullable @Part("file") CompletedFileUpload file) {
        Appeal appeal = managed.byId(me, id);
        ReplyForm form =
                new ReplyForm(
                        s(name),
                        s(role),
                        s(roleOther),
                        s(body),
                        s(municipality),
                        s(email),
                        publicName != null,
                        outcomeMails != null,
                        s(method),
                        s(evidenceDate),
                        s(note));
        if (!canRecord(appeal)) {
            return page(request, me, appeal, HttpStatus.CONFLICT, form, Map.of(), false);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        ReplyForms.Checked checked = forms.check(appeal, form.signForm());
        checked.errors().forEach((f, key) -> errors.put(f, view.text(request, key)));
        VerificationMethod how = method(form.method());
        if (how == null) {
            errors.put("method", view.text(request, "replies.error.method"));
        }
        LocalDate date = null;
        if (!form.evidenceDate().isEmpty()) {
            date = date(form.evidenceDate());
            if (date == null
                    || date.isAfter(
                            LocalDate.now(
                                    clock.withZone(
                                            de.mitzeichnen.config.MitzeichnenConfig.ZONE)))) {
                errors.put("evidenceDate", view.text(request, "replies.error.date"));
            }
        } else if (how == VerificationMethod.COUNCIL_RESOLUTION) {
            errors.put("evidenceDate", view.text(request, "replies.error.date.resolution"));
        }
        if (form.note().length() > MAX_NOTE
                || de.mitzeichnen.signing.SignerText.hasControl(form.note())) {
            errors.put("note", view.text(request, "replies.error.note"));
        }
        if (Uploads.present(file) && Uploads.tooLarge(file)) {
            errors.put(
                    "file",
                    view.text(
                            request,
                            "replies.error.file.tooLarge",
                            Uploads.MAX_BYTES / (1024 * 1024)));
        }
        if (!errors.isEmpty()) {
            Map<String, String> ordered = new LinkedHashMap<>();
            FIELDS.forEach(
                    f -> {
                        if (errors.containsKey(f)) {
                            ordered.put(f, errors.get(f));
                        }
                    });
            return page(request, me, appeal, HttpStatus.UNPROCESSABLE_ENTITY, form, ordered, false);
        }
        Evidence evidence =
                new Evidence(
                        how,
                        date,
                        form.note().isEmpty() ? null : form.note(),
                        Uploads.present(file) ? Uploads.read(file) : null);
        Optional<Long> recorded =
                signatures.record(
                        appeal, checked.request(), evidence, Actor.of(me), view.locale(request));
        if (recorded.isEmpty()) {
            return page(
                    request,
                    me,
                    appeal,
                    HttpStatus.CONFLICT,
                    form,
                    Map.of("email", view.text(request, "replies.error.alreadySigned")),
                    false);
        }
        return HttpResponse.<String>seeOther(
                URI.create("/verwaltung/aufrufe/" + id + "/rueckmeldungen?ok=1"));
    }

    /** The CSV upload: its columns and an example. */
    @Get("/csv")
    HttpResponse<String> csvForm(
            HttpRequest<?> request, ConsoleUser me, long id, @Nullable @QueryValue String n) {
        Appeal appeal = managed.byId(me, id);
        Integer done = n == null || !n.matches("\\d{1,5}") ? null : Integer.valueOf(n);
        return csvPage(request, me, appeal, HttpStatus.OK, null, null, null, done);
    }

    /** Reads the file and shows every row with its problems; nothing is stored yet. */
    @Post(value = "/csv/vorschau", consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<String> csvPreview(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            @Nullable @Part("file") CompletedFileUpload file) {
        Appeal appeal = managed.byId(me, id);
        if (!canRecord(appeal)) {
            return csvPage(
                    request, me, appeal, HttpStatus.CONFLICT, null, null, "replies.notOpen", null);
        }
        if (!Uploads.present(file)) {
            return csvPage(
                    request,
                    me,
                    appeal,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    null,
                    null,
                    "console.invitations.error.noFile",
                    null);
        }
        if (file.getSize() > 2 * 1024 * 1024) {
            return csvPage(
                    request,
                    me,
                    appeal,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    null,
                    null,
                    "replies.csv.tooLarge",
                    null);
        }
        byte[] bytes = Uploads.read(file).content();
        ReplyCsv.Parsed parsed = csv.parse(appeal, bytes);
        return csvPage(
                request,
                me,
                appeal,
                parsed.ready() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY,
                parsed,
                Base64.getEncoder().encodeToString(bytes),
                parsed.fileProblem(),
                null);
    }

    /** Records every row of the file shown in the preview, once it has no problems. */
    @Post(value = "/csv/eintragen", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> csvRecord(
            HttpRequest<?> request, ConsoleUser me, long id, @Body CsvConfirm form) {
        Appeal appeal = managed.byId(me, id);
        byte[] bytes;
        try {
            bytes =
                    Base64.getDecoder()
                            .decode(form.content() == null ? "" : form.content().strip());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        ReplyCsv.Parsed parsed = csv.parse(appeal, bytes);
        if (!canRecord(appeal) || !parsed.ready()) {
            return csvPage(
                    request,
                    me,
                    appeal,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    parsed,
                    Base64.getEncoder().encodeToString(bytes),
                    canRecord(appeal) ? parsed.fileProblem() : "replies.notOpen",
                    null);
        }
        int n = replyImport.recordAll(appeal, parsed, Actor.of(me), view.locale(request));
        return HttpResponse.<String>seeOther(
                URI.create("/verwaltung/aufrufe/" + id + "/rueckmeldungen/csv?n=" + n));
    }

    /** The confirmation of a previewed file: the file itself, as Base64. */
    @Serdeable
    record CsvConfirm(@Nullable String content) {}

    /** One row of the preview in the reader's language. */
    record PreviewRow(ReplyCsv.Line line, String role, String evidence, List<String> problems) {}

    private HttpResponse<String> csvPage(
            HttpRequest<?> request,
            ConsoleUser me,
            Appeal appeal,
            HttpStatus status,
            @Nullable ReplyCsv.Parsed parsed,
            @Nullable String content,
            @Nullable String error,
            @Nullable Integer done) {
        List<PreviewRow> rows =
                parsed == null
                        ? List.of()
                        : parsed.lines().stream()
                                .map(
                                        l ->
                                                new PreviewRow(
                                                        l,
                                                        l.request() == null
                                                                ? l.role()
                                                                : view.text(
                                                                        request,
                                                                        l.request()
                                                                                .role()
                                                                                .messageKey()),
                                                        l.proof() == null
                                                                ? l.evidence()
                                                                : view.text(
                                                                                request,
                                                                                "console.verification.method."
                                                                                        + l.proof()
                                                                                                .method()
                                                                                                .name())
                                                                        + (l.proof().date() == null
                                                                                ? ""
                                                                                : ", "
                                                                                        + l.proof()
                                                                                                .date()),
                                                        l.problems().stream()
                                                                .map(k -> view.text(request, k))
                                                                .toList()))
                                .toList();
        Map<String, Object> model =
                Pages.model(
                        "appeal",
                        appeal,
                        "rows",
                        rows,
                        "fileContent",
                        content,
                        "preview",
                        parsed != null && parsed.fileProblem() == null,
                        "ready",
                        parsed != null && parsed.ready(),
                        "bad",
                        parsed == null ? 0 : parsed.bad(),
                        "error",
                        error == null ? null : view.text(request, error),
                        "done",
                        done,
                        "canRecord",
                        canRecord(appeal),
                        "roles",
                        appeal.allowedRoles().stream().sorted().toList());
        return view.render(request, me, status, "console/replies-csv", model);
    }

    /** The scan or file of a recorded reply, for the organiser only; never shown inline. */
    @Get("/{signatureId}/nachweis")
    @Produces(MediaType.ALL)
    HttpResponse<byte[]> evidence(ConsoleUser me, long id, long signatureId) {
        Appeal appeal = managed.byId(me, id);
        UploadedFile f =
                signatures
                        .evidenceFile(appeal.id(), signatureId)
                        .orElseThrow(NotFoundException::new);
        return HttpResponse.ok(f.content())
                .contentType(f.contentType())
                .header("Content-Disposition", ContentDisposition.of("attachment", f.name()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store");
    }

    static boolean canRecord(Appeal appeal) {
        return appeal.status() == AppealStatus.OPEN || appeal.status() == AppealStatus.CLOSED;
    }

    private HttpResponse<String> page(
            HttpRequest<?> request,
            ConsoleUser me,
            Appeal appeal,
            HttpStatus status,
            ReplyForm form,
            Map<String, String> errors,
            boolean ok) {
        List<Signatures.RecordedReply> recorded = signatures.recordedReplies(appeal.id(), 50);
        Map<String, Object> model =
                Pages.model(
                        "appeal",
                        appeal,
                        "form",
                        form,
                        "errors",
                        errors,
                        "roles",
                        appeal.allowedRoles().stream().sorted().toList(),
                        "methods",
                        VerificationMethod.values(),
                        "canRecord",
                        canRecord(appeal),
                        "ok",
                        ok,
                        "maxMb",
                        Uploads.MAX_BYTES / (1024 * 1024),
                        "recorded",
                        recorded,
                        "places",
                        places(recorded));
        return view.render(request, me, status, "console/replies", model);
    }

    /** The place of each recorded reply by its name in the register. */
    private Map<Long, String> places(List<Signatures.RecordedReply> recorded) {
        Map<Long, String> out = new HashMap<>();
        for (Signatures.RecordedReply r : recorded) {
            String name =
                    r.municipalityAgs() != null
                            ? register.findByAgs(r.municipalityAgs())
                                    .map(m -> m.displayName())
                                    .orElse(r.municipalityAgs())
                            : r.districtAgs() != null
                                    ? register.district(r.districtAgs())
                                            .map(d -> d.displayName())
                                            .orElse(r.districtAgs())
                                    : "";
            out.put(r.signatureId(), name);
        }
        return out;
    }

    static VerificationMethod method(String value) {
        try {
            return value == null || value.isEmpty() ? null : VerificationMethod.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A date as a date field sends it (2025-11-03) or as people type it (3.11.2025). */
    static LocalDate date(String text) {
        try {
            if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(text);
            }
            Matcher m = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})").matcher(text);
            return m.matches()
                    ? LocalDate.of(
                            Integer.parseInt(m.group(3)),
                            Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(1)))
                    : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String s(@Nullable String v) {
        return v == null ? "" : v.strip();
    }
}
