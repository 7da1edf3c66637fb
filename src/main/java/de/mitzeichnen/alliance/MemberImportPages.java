package de.mitzeichnen.alliance;

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
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Members from a town hall's list (CSV or XLSX), as the invitation import works: upload, a preview
 * of every row with its problems (nothing is stored), then the confirmation stores the rows without
 * problems — read again from the very file of the preview, so rows that became duplicates meanwhile
 * drop out.
 */
@Hidden
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung/buendnisse/{id}/mitglieder/import")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class MemberImportPages {

    /** The preview carries the file in a hidden field (base64): below the request limit. */
    static final int MAX_FILE_BYTES = 2 * 1024 * 1024;

    @Serdeable
    record ConfirmForm(
            @Nullable String content,
            @Nullable String fileName,
            @Nullable String joinedOn,
            @Nullable String basis) {}

    /** One row of the preview: the line as read and its problems in the reader's language. */
    record PreviewRow(MemberFile.Line line, List<String> problems) {}

    private final Alliances alliances;
    private final MemberFile file;
    private final Memberships memberships;
    private final ConsoleView view;

    MemberImportPages(
            Alliances alliances, MemberFile file, Memberships memberships, ConsoleView view) {
        this.alliances = alliances;
        this.file = file;
        this.memberships = memberships;
        this.view = view;
    }

    @Get
    HttpResponse<String> form(HttpRequest<?> request, ConsoleUser me, long id) {
        return uploadPage(request, me, alliance(id), HttpStatus.OK, null, "", "");
    }

    @Post(value = "/vorschau", consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<String> preview(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            @Nullable @Part("file") CompletedFileUpload upload,
            @Nullable @Part("joinedOn") String joinedOn,
            @Nullable @Part("basis") String basis) {
        Alliance alliance = alliance(id);
        String defaultJoined = s(joinedOn);
        String defaultBasis = s(basis);
        LocalDate joined = Dates.parse(defaultJoined);
        if (!defaultJoined.isEmpty() && joined == null) {
            return uploadPage(
                    request,
                    me,
                    alliance,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    view.text(request, "alliance.error.joined.invalid"),
                    defaultJoined,
                    defaultBasis);
        }
        if (upload == null || upload.getFilename() == null || upload.getFilename().isBlank()) {
            return uploadPage(
                    request,
                    me,
                    alliance,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    view.text(request, "console.invitations.error.noFile"),
                    defaultJoined,
                    defaultBasis);
        }
        if (upload.getSize() > MAX_FILE_BYTES) {
            return uploadPage(
                    request,
                    me,
                    alliance,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    view.text(
                            request,
                            "console.invitations.error.tooLarge",
                            MAX_FILE_BYTES / (1024 * 1024)),
                    defaultJoined,
                    defaultBasis);
        }
        byte[] bytes;
        try {
            bytes = upload.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return previewPage(
                request,
                me,
                alliance,
                bytes,
                FormFields.fileName(upload.getFilename()),
                defaultJoined,
                defaultBasis);
    }

    @Post("/eintragen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> commit(
            HttpRequest<?> request, ConsoleUser me, long id, @Body ConfirmForm form) {
        Alliance alliance = alliance(id);
        byte[] bytes;
        try {
            bytes =
                    Base64.getDecoder()
                            .decode(form.content() == null ? "" : form.content().strip());
        } catch (IllegalArgumentException notBase64) {
            bytes = new byte[0];
        }
        String defaultJoined = s(form.joinedOn());
        String defaultBasis = s(form.basis());
        MemberFile.Parsed parsed =
                file.parse(
                        alliance.id(),
                        bytes,
                        Dates.parse(defaultJoined),
                        defaultBasis.isEmpty() ? null : defaultBasis);
        if (parsed.fileProblem() != null || parsed.good().isEmpty()) {
            return previewPage(
                    request,
                    me,
                    alliance,
                    bytes,
                    FormFields.fileName(form.fileName()),
                    defaultJoined,
                    defaultBasis);
        }
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("file", FormFields.fileName(form.fileName()));
        about.put("rows", parsed.lines().size());
        about.put("withProblems", parsed.bad());
        int added = memberships.addAll(alliance, parsed.good(), Actor.of(me), about);
        return MemberConsolePages.redirectTo(alliance, "imported", added);
    }

    private HttpResponse<String> previewPage(
            HttpRequest<?> request,
            ConsoleUser me,
            Alliance alliance,
            byte[] bytes,
            String fileName,
            String defaultJoined,
            String defaultBasis) {
        MemberFile.Parsed parsed =
                file.parse(
                        alliance.id(),
                        bytes,
                        Dates.parse(defaultJoined),
                        defaultBasis.isEmpty() ? null : defaultBasis);
        if (parsed.fileProblem() != null) {
            return uploadPage(
                    request,
                    me,
                    alliance,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    view.text(request, "console.invitations.preview.fileProblem", fileName)
                            + " "
                            + view.text(request, parsed.fileProblem(), MemberFile.MAX_ROWS),
                    defaultJoined,
                    defaultBasis);
        }
        List<PreviewRow> rows = new ArrayList<>();
        for (MemberFile.Line line : parsed.lines()) {
            rows.add(
                    new PreviewRow(
                            line,
                            line.problems().stream()
                                    .map(p -> view.text(request, p.key(), p.args().toArray()))
                                    .toList()));
        }
        int good = parsed.good().size();
        long bad = parsed.bad();
        Map<String, Object> model =
                Pages.model(
                        "alliance",
                        alliance,
                        "rows",
                        rows,
                        "good",
                        good,
                        "bad",
                        bad,
                        "fileContent",
                        Base64.getEncoder().encodeToString(bytes),
                        "fileName",
                        fileName,
                        "joinedOn",
                        defaultJoined,
                        "basis",
                        defaultBasis);
        return view.render(request, me, HttpStatus.OK, "alliance/console-import-preview", model);
    }

    private HttpResponse<String> uploadPage(
            HttpRequest<?> request,
            ConsoleUser me,
            Alliance alliance,
            HttpStatus status,
            @Nullable String error,
            String joinedOn,
            String basis) {
        return view.render(
                request,
                me,
                status,
                "alliance/console-import",
                Pages.model(
                        "alliance",
                        alliance,
                        "error",
                        error,
                        "joinedOn",
                        joinedOn,
                        "basis",
                        basis,
                        "maxRows",
                        MemberFile.MAX_ROWS));
    }

    private Alliance alliance(long id) {
        return alliances.byId(id).orElseThrow(NotFoundException::new);
    }

    private static String s(@Nullable String v) {
        return v == null ? "" : v.strip();
    }
}
