package de.mitzeichnen.security;

import de.mitzeichnen.email.EmailAddress;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.web.Languages;
import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import de.mitzeichnen.web.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** "Forgot password": ask for a link, then set a new password with it. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class PasswordResetPages {

    @Serdeable
    record RequestForm(@Nullable String email) {}

    @Serdeable
    record ResetForm(@Nullable String password, @Nullable String confirmation) {}

    private final PasswordResets resets;
    private final PasswordPolicy policy;
    private final Organisers organisers;
    private final ClientIp clientIp;
    private final PageRenderer pages;
    private final Languages languages;
    private final Texts texts;

    PasswordResetPages(
            PasswordResets resets,
            PasswordPolicy policy,
            Organisers organisers,
            ClientIp clientIp,
            PageRenderer pages,
            Languages languages,
            Texts texts) {
        this.resets = resets;
        this.policy = policy;
        this.organisers = organisers;
        this.clientIp = clientIp;
        this.pages = pages;
        this.languages = languages;
        this.texts = texts;
    }

    @Get(LoginPages.FORGOT)
    HttpResponse<String> form(HttpRequest<?> request) {
        return pages.render(
                request, HttpStatus.OK, "console/forgot", Pages.model("email", "", "sent", false));
    }

    @Post(LoginPages.FORGOT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> request(HttpRequest<?> request, @Body RequestForm form) {
        String email = form.email() == null ? "" : form.email().trim();
        Locale locale = languages.resolveOrDefault(request);
        if (!EmailAddress.valid(Account.normaliseEmail(email))) {
            return pages.render(
                    request,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "console/forgot",
                    Pages.model(
                            "email",
                            email,
                            "sent",
                            false,
                            "error",
                            texts.get(locale, "security.reset.emailInvalid")));
        }
        resets.request(email, clientIp.hash(request), locale);
        // The same answer whether or not an account has this address.
        return pages.render(
                request,
                HttpStatus.OK,
                "console/forgot",
                Pages.model("email", email, "sent", true));
    }

    @Get(LoginPages.RESET + "/{token}")
    HttpResponse<String> resetForm(HttpRequest<?> request, String token) {
        if (resets.accountFor(token).isEmpty()) {
            return invalid(request);
        }
        return page(request, HttpStatus.OK, token, Map.of());
    }

    @Post(LoginPages.RESET + "/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> reset(HttpRequest<?> request, String token, @Body ResetForm form) {
        Optional<Account> account = resets.accountFor(token);
        if (account.isEmpty()) {
            return invalid(request);
        }
        Locale locale = languages.resolveOrDefault(request);
        String problem =
                policy.problem(
                        form.password(),
                        account.get().email(),
                        account.get().organiserId() == null
                                ? null
                                : organisers
                                        .current(account.get().organiserId())
                                        .map(Organiser::name)
                                        .orElse(null));
        if (problem != null) {
            return page(
                    request,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    token,
                    Map.of("password", texts.get(locale, problem)));
        }
        if (!form.password().equals(form.confirmation())) {
            return page(
                    request,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    token,
                    Map.of("confirmation", texts.get(locale, "security.reset.mismatch")));
        }
        if (resets.reset(token, form.password(), clientIp.hash(request)).isEmpty()) {
            return invalid(request);
        }
        return noReferrer(
                HttpResponse.seeOther(
                        URI.create(LoginPages.LOGIN + "?" + LoginPages.PASSWORD_CHANGED + "=1")));
    }

    private MutableHttpResponse<String> page(
            HttpRequest<?> request, HttpStatus status, String token, Map<String, String> errors) {
        return noReferrer(
                pages.render(
                        request,
                        status,
                        "console/reset",
                        Pages.model("action", LoginPages.RESET + "/" + token, "errors", errors)));
    }

    private MutableHttpResponse<String> invalid(HttpRequest<?> request) {
        return noReferrer(
                pages.render(request, HttpStatus.GONE, "console/reset-invalid", Pages.model()));
    }

    /** The link's token is in the address: links on the page must not pass it on to other sites. */
    private static <T> MutableHttpResponse<T> noReferrer(MutableHttpResponse<T> response) {
        return response.header("Referrer-Policy", "no-referrer");
    }
}
