package de.mitzeichnen.alliance;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.console.FormFields;
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
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Contact persons from a file (CSV or XLSX as offices keep them): upload, a preview of every row
 * with its problems — nothing is stored yet — and a confirmation that stores the rows without
 * problems, checked once more.
 */
@Hidden
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung/buendnisse/{id}/kontakte/import")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class ContactImportPages {

    /** The preview carries the file in a hidden field; this keeps the confirmation small. */
    static final int MAX_FILE_BYTES = 2 * 1024 * 1024;

    @Serdeable
    record ConfirmForm(@Nullable String content, @Nullable String fileName) {}

    /** One row of the preview: the line as read, its role in words and its problems. */
    record PreviewRow(ContactCsv.Line line, String role, List<String> problems) {}

    private final ConsoleAlliances consoleAlliances;
    private final ContactCsv csv;
    private final Contacts contacts;
    private final ConsoleView view;

    ContactImportPages(
            ConsoleAlliances consoleAlliances,
            ContactCsv csv,
            Contacts contacts,
            ConsoleView view) {
        this.consoleAlliances = consoleAlliances;
        this.csv = csv;
        this.contacts = contacts;
        this.view = view;
    }

    @Get
    HttpResponse<String> form(HttpRequest<?> request, ConsoleUser me, long id) {
        return uploadPage(request, me, consoleAlliances.managed(me, id), HttpStatus.OK, null);
    }

    @Post(value = "/vorschau", consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<String> preview(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            @Nullable @Part("file") CompletedFileUpload upload) {
        Alliance alliance = consoleAlliances.managed(me, id);
        if (upload == null || upload.getFilename() == null || upload.getFilename().isBlank()) {
            return uploadPage(
                    request,
                    me,
                    alliance,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    view.text(request, "console.invitations.error.noFile"));
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
                            MAX_FILE_BYTES / (1024 * 1024)));
        }
        byte[] bytes;
        try {
            bytes = upload.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return previewPage(request, me, alliance, bytes, FormFields.fileName(upload.getFilename()));
    }

    @Post("/eintragen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> commit(
            HttpRequest<?> request, ConsoleUser me, long id, @Body ConfirmForm form) {
        Alliance alliance = consoleAlliances.managed(me, id);
        byte[] bytes;
        try {
            bytes =
                    Base64.getDecoder()
                            .decode(form.content() == null ? "" : form.content().strip());
        } catch (IllegalArgumentException notBase64) {
            bytes = new byte[0];
        }
        // the very file of the preview, read again: a row that has become a duplicate drops out
        ContactCsv.Parsed parsed = csv.parse(alliance, bytes, view.locale(request));
        if (parsed.fileProblem() != null || parsed.good().isEmpty()) {
            return previewPage(request, me, alliance, bytes, FormFields.fileName(form.fileName()));
        }
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("file", FormFields.fileName(form.fileName()));
        about.put("rows", parsed.lines().size());
        about.put("withProblems", parsed.bad());
        int added =
                contacts.addAll(
                        alliance,
                        parsed.good().stream()
                                .map(l -> new Contacts.NewContact(l.place(), l.input()))
                                .toList(),
                        Actor.of(me),
                        about);
        return HttpResponse.seeOther(
                URI.create(
                        "/verwaltung/buendnisse/"
                                + alliance.id()
                                + "/kontakte?ok=imported&n="
                                + added));
    }

    private HttpResponse<String> previewPage(
            HttpRequest<?> request,
            ConsoleUser me,
            Alliance alliance,
            byte[] bytes,
            String fileName) {
        Locale locale = view.locale(request);
        ContactCsv.Parsed parsed = csv.parse(alliance, bytes, locale);
        if (parsed.fileProblem() != null) {
            return uploadPage(
                    request,
                    me,
                    alliance,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    view.text(request, "console.invitations.preview.fileProblem", fileName)
                            + " "
                            + view.text(request, parsed.fileProblem(), ContactCsv.MAX_ROWS));
        }
        List<PreviewRow> rows = new ArrayList<>();
        for (ContactCsv.Line line : parsed.lines()) {
            String role =
                    de.mitzeichnen.invitation.RoleWords.parse(line.role())
                            .or(() -> de.mitzeichnen.appeal.SignerRole.parse(line.role()))
                            .map(r -> view.text(request, r.messageKey()))
                            .orElse(line.role());
            rows.add(
                    new PreviewRow(
                            line,
                            role,
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
                        fileName);
        return view.render(request, me, HttpStatus.OK, "alliance/contacts-preview", model);
    }

    private HttpResponse<String> uploadPage(
            HttpRequest<?> request,
            ConsoleUser me,
            Alliance alliance,
            HttpStatus status,
            @Nullable String error) {
        return view.render(
                request,
                me,
                status,
                "alliance/contacts-import",
                Pages.model("alliance", alliance, "error", error));
    }
}
