package de.mitzeichnen.accessibility;

import de.mitzeichnen.security.ClientIp;
import de.mitzeichnen.web.Languages;
import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import de.mitzeichnen.web.PublicGet;
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
import java.net.URI;
import java.util.Map;

/**
 * What BITV 2.0 asks of a public body's site: the accessibility statement with its feedback form,
 * and a page in Leichte Sprache about this site (the operator's video in German Sign Language is on
 * the start page). The pages are the same for every visitor (cacheable, no cookie); the form needs
 * no token, like the sign form (its POST is checked by the cross-site filter).
 */
@Controller
@Produces(MediaType.TEXT_HTML)
class AccessibilityPages {

    static final String STATEMENT = "/barrierefreiheit";
    static final String FEEDBACK = "/barrierefreiheit/rueckmeldung";

    private final PageRenderer pages;
    private final AccessibilityConfig config;
    private final FeedbackAddress address;
    private final SendFeedback send;
    private final Languages languages;
    private final ClientIp clientIp;

    AccessibilityPages(
            PageRenderer pages,
            AccessibilityConfig config,
            FeedbackAddress address,
            SendFeedback send,
            Languages languages,
            ClientIp clientIp) {
        this.pages = pages;
        this.config = config;
        this.address = address;
        this.send = send;
        this.languages = languages;
        this.clientIp = clientIp;
    }

    @PublicGet
    @Get(STATEMENT)
    HttpResponse<String> statement(HttpRequest<?> request) {
        return pages.render(
                request,
                HttpStatus.OK,
                "accessibility/statement",
                Pages.model(
                        "a11y",
                        config,
                        "nonAccessible",
                        AccessibilityConfig.lines(config.getNonAccessible()),
                        "feedbackEmail",
                        address.get(),
                        "feedbackPlaceholder",
                        address.placeholder()));
    }

    @PublicGet
    @Get("/leichte-sprache")
    HttpResponse<String> easyRead(HttpRequest<?> request) {
        return pages.render(
                request, HttpStatus.OK, "accessibility/easy-read", Pages.model("a11y", config));
    }

    @PublicGet
    @Get(FEEDBACK)
    HttpResponse<String> feedbackForm(HttpRequest<?> request) {
        return form(request, HttpStatus.OK, FeedbackForm.empty(), Map.of());
    }

    @Post(FEEDBACK)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> sendFeedback(HttpRequest<?> request, @Nullable @Body FeedbackForm posted) {
        FeedbackForm form = posted == null ? FeedbackForm.empty() : posted;
        Map<String, String> errors = form.errors();
        if (!errors.isEmpty()) {
            return form(request, HttpStatus.UNPROCESSABLE_ENTITY, form, errors);
        }
        send.send(form, languages.resolveOrDefault(request), clientIp.hash(request));
        String lang = languages.resolveOrDefault(request).getLanguage();
        return HttpResponse.seeOther(URI.create(FEEDBACK + "/danke?lang=" + lang));
    }

    @PublicGet
    @Get(FEEDBACK + "/danke")
    HttpResponse<String> thanks(HttpRequest<?> request) {
        return pages.render(request, HttpStatus.OK, "accessibility/feedback-sent", Pages.model());
    }

    private HttpResponse<String> form(
            HttpRequest<?> request,
            HttpStatus status,
            FeedbackForm form,
            Map<String, String> errors) {
        Map<String, Object> model =
                Pages.model(
                        "form",
                        form,
                        "errors",
                        errors,
                        "fields",
                        FeedbackForm.FIELDS,
                        "feedbackEmail",
                        address.get());
        // the language switch of the answer to a POST leads to the form's GET address
        model.put("path", FEEDBACK);
        return pages.render(request, status, "accessibility/feedback", model);
    }
}
