package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealPageExtensions;
import de.mitzeichnen.appeal.PublicAppeals;
import de.mitzeichnen.ratelimit.RateLimits;
import de.mitzeichnen.security.ClientIp;
import de.mitzeichnen.web.Languages;
import de.mitzeichnen.web.NotFoundException;
import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import de.mitzeichnen.web.TokenPages;
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
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Signing, confirming and withdrawing: the pages an official meets. */
@Controller
@Produces(MediaType.TEXT_HTML)
class SigningPages {

    private final PublicAppeals appeals;
    private final AppealPageExtensions extensions;
    private final SignFormValidator validator;
    private final SubmitSignature submit;
    private final ConfirmSignature confirm;
    private final WithdrawSignature withdraw;
    private final SignatureDescriber describer;
    private final PageRenderer pages;
    private final Languages languages;
    private final Clock clock;
    private final InvitationLinks invitations;
    private final ClientIp clientIp;
    private final RateLimits limits;

    SigningPages(
            PublicAppeals appeals,
            AppealPageExtensions extensions,
            SignFormValidator validator,
            SubmitSignature submit,
            ConfirmSignature confirm,
            WithdrawSignature withdraw,
            SignatureDescriber describer,
            PageRenderer pages,
            Languages languages,
            Clock clock,
            InvitationLinks invitations,
            ClientIp clientIp,
            RateLimits limits) {
        this.limits = limits;
        this.appeals = appeals;
        this.extensions = extensions;
        this.validator = validator;
        this.submit = submit;
        this.confirm = confirm;
        this.withdraw = withdraw;
        this.describer = describer;
        this.pages = pages;
        this.languages = languages;
        this.clock = clock;
        this.invitations = invitations;
        this.clientIp = clientIp;
    }

    @Post("/aufrufe/{slug}/unterzeichnen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> sign(
            HttpRequest<?> request, String slug, @Nullable @Body SignForm.Posted posted) {
        PublicAppeals.Page page = appeals.page(slug).orElseThrow(NotFoundException::new);
        Appeal appeal = page.appeal();
        if (!appeal.acceptsSignatures(clock.instant())) {
            return closed(request, page);
        }
        SignForm.Posted fields = posted == null ? SignForm.Posted.NOTHING : posted;
        SignForm form = fields.form();
        SignFormValidator.Result result = validator.validate(appeal, form);
        if (!result.valid()) {
            Map<String, Object> model = appealModel(page);
            model.put("form", form);
            model.put("errors", result.errors());
            model.put("candidates", result.candidates());
            if (fields.invitation() != null) {
                model.put("invitationToken", fields.invitation());
            }
            extensions.contribute(request, appeal, model);
            return pages.render(
                    request, HttpStatus.UNPROCESSABLE_ENTITY, "appeal", answerOf(model, slug));
        }
        String invitationToken = fields.invitation();
        boolean invited =
                invitationToken != null
                        && invitations.invites(
                                invitationToken, appeal.id(), result.request().email().key());
        Optional<String> confirmToken;
        try {
            confirmToken =
                    submit.submit(
                            appeal,
                            result.request().toRequest(),
                            languages.resolveOrDefault(request),
                            clientIp.hash(request),
                            invited);
        } catch (SigningClosedException e) {
            return closed(request, page);
        }
        return HttpResponse.<String>seeOther(
                URI.create(
                        confirmToken
                                .map(t -> "/bestaetigen/" + t)
                                .orElse("/aufrufe/" + appeal.slug() + "/bitte-bestaetigen")));
    }

    @Get("/aufrufe/{slug}/bitte-bestaetigen")
    HttpResponse<String> pleaseConfirm(HttpRequest<?> request, String slug) {
        Appeal appeal = appeals.publicAppeal(slug).orElseThrow(NotFoundException::new);
        return pages.render(
                request, HttpStatus.OK, "signing/pending", Pages.model("appeal", appeal));
    }

    @Get("/bestaetigen/{token}")
    HttpResponse<String> showConfirm(HttpRequest<?> request, String token) {
        ConfirmSignature.Outcome outcome = confirm.look(token);
        return TokenPages.privately(confirmPage(request, token, outcome));
    }

    @Post("/bestaetigen/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> doConfirm(HttpRequest<?> request, String token) {
        limits.require(
                RateLimits.Kind.CONFIRM, clientIp.hash(request), limits.config().confirmLimit());
        ConfirmSignature.Outcome outcome =
                Conflicts.retried(
                        () -> confirm.confirm(token, languages.resolveOrDefault(request)));
        return TokenPages.privately(confirmPage(request, token, outcome));
    }

    @Get("/zurueckziehen/{token}")
    HttpResponse<String> showWithdraw(HttpRequest<?> request, String token) {
        return TokenPages.privately(withdrawPage(request, token, withdraw.look(token)));
    }

    @Post("/zurueckziehen/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> doWithdraw(HttpRequest<?> request, String token) {
        return TokenPages.privately(
                withdrawPage(request, token, Conflicts.retried(() -> withdraw.withdraw(token))));
    }

    private MutableHttpResponse<String> confirmPage(
            HttpRequest<?> request, String token, ConfirmSignature.Outcome outcome) {
        Locale locale = languages.resolveOrDefault(request);
        return switch (outcome.state()) {
            case UNKNOWN ->
                    pages.render(
                            request,
                            HttpStatus.NOT_FOUND,
                            "signing/link-invalid",
                            Pages.model("kind", "confirm"));
            case EXPIRED ->
                    pages.render(
                            request,
                            HttpStatus.GONE,
                            "signing/link-expired",
                            Pages.model("appeal", outcome.appeal()));
            case SHOW ->
                    pages.render(
                            request,
                            HttpStatus.OK,
                            "signing/confirm",
                            Pages.model(
                                    "appeal",
                                    outcome.appeal(),
                                    "signature",
                                    outcome.signature(),
                                    "token",
                                    token,
                                    "described",
                                    describer.describe(outcome.signature(), locale)));
            case ALREADY_CONFIRMED, CONFIRMED_NOW ->
                    pages.render(
                            request,
                            HttpStatus.OK,
                            "signing/confirmed",
                            Pages.model(
                                    "appeal",
                                    outcome.appeal(),
                                    "already",
                                    outcome.state() == ConfirmSignature.State.ALREADY_CONFIRMED,
                                    // an e-mail-only signer waits for the organiser: not told
                                    // that they count
                                    "counted",
                                    SignatureTally.counted(
                                            outcome.signature(), outcome.appeal().publicCount()),
                                    "described",
                                    describer.describe(outcome.signature(), locale)));
        };
    }

    private MutableHttpResponse<String> withdrawPage(
            HttpRequest<?> request, String token, WithdrawSignature.Outcome outcome) {
        Locale locale = languages.resolveOrDefault(request);
        return switch (outcome.state()) {
            case UNKNOWN ->
                    pages.render(
                            request,
                            HttpStatus.NOT_FOUND,
                            "signing/link-invalid",
                            Pages.model("kind", "withdraw"));
            case TOO_LATE ->
                    pages.render(
                            request,
                            HttpStatus.GONE,
                            "signing/withdraw-too-late",
                            Pages.model("appeal", outcome.appeal()));
            case SHOW ->
                    pages.render(
                            request,
                            HttpStatus.OK,
                            "signing/withdraw",
                            Pages.model(
                                    "appeal",
                                    outcome.appeal(),
                                    "signature",
                                    outcome.signature(),
                                    "token",
                                    token,
                                    "described",
                                    describer.describe(outcome.signature(), locale)));
            case ALREADY_WITHDRAWN, WITHDRAWN_NOW ->
                    pages.render(
                            request,
                            HttpStatus.OK,
                            "signing/withdrawn",
                            Pages.model("appeal", outcome.appeal()));
        };
    }

    private HttpResponse<String> closed(HttpRequest<?> request, PublicAppeals.Page page) {
        Map<String, Object> model = appealModel(page);
        model.put("signingClosed", true);
        extensions.contribute(request, page.appeal(), model);
        HttpStatus status = page.upcoming() ? HttpStatus.CONFLICT : HttpStatus.GONE;
        return pages.render(request, status, "appeal", answerOf(model, page.appeal().slug()));
    }

    /**
     * The answer to a POST shows the appeal's page; its language switch must lead to that page's
     * GET address (the POST address answers GET with 405), at the form.
     */
    private static Map<String, Object> answerOf(Map<String, Object> model, String slug) {
        model.put("path", "/aufrufe/" + slug);
        model.put("langAnchor", "#form");
        return model;
    }

    private static Map<String, Object> appealModel(PublicAppeals.Page page) {
        return Pages.model("page", page, "appeal", page.appeal(), "organiser", page.organiser());
    }
}
