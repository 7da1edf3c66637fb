package de.mitzeichnen.invitation;

import de.mitzeichnen.appeal.AppealPageExtensions;
import de.mitzeichnen.appeal.PublicAppeals;
import de.mitzeichnen.municipality.MunicipalityRegister;
import de.mitzeichnen.signing.SignForm;
import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import de.mitzeichnen.web.TokenPages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import java.util.Map;

/** The invitee's pages: the sign form filled in from the invitation, and "no more reminders". */
@Controller("/einladung")
@Produces(MediaType.TEXT_HTML)
class InvitationPages {

    private final Invitations invitations;
    private final PublicAppeals appeals;
    private final AppealPageExtensions extensions;
    private final MunicipalityRegister register;
    private final PageRenderer pages;

    InvitationPages(
            Invitations invitations,
            PublicAppeals appeals,
            AppealPageExtensions extensions,
            MunicipalityRegister register,
            PageRenderer pages) {
        this.invitations = invitations;
        this.appeals = appeals;
        this.extensions = extensions;
        this.register = register;
        this.pages = pages;
    }

    @Get("/{token}")
    HttpResponse<String> open(HttpRequest<?> request, String token) {
        var invitation = invitations.byToken(token).orElse(null);
        if (invitation == null) {
            return invalid(request);
        }
        var appeal = invitations.appeal(invitation.appealId()).orElseThrow();
        var page = appeals.page(appeal.slug()).orElse(null);
        if (page == null) {
            return invalid(request);
        }
        // only remembered for the organiser's overview (once); the page is the same either way
        invitations.markOpened(invitation.id());
        String place =
                register.findByAgs(invitation.municipalityAgs())
                        .map(m -> m.displayName() + " (" + m.ags() + ")")
                        .or(
                                () ->
                                        register.district(invitation.municipalityAgs())
                                                .map(d -> d.displayName() + " (" + d.key() + ")"))
                        .orElse(invitation.municipalityAgs());
        Map<String, Object> model =
                Pages.model(
                        "page",
                        page,
                        "appeal",
                        page.appeal(),
                        "organiser",
                        page.organiser(),
                        "form",
                        new SignForm(
                                invitation.name(),
                                invitation.role(),
                                "",
                                invitation.body() == null ? "" : invitation.body(),
                                place,
                                "DE",
                                invitation.email(),
                                false,
                                false),
                        "invitationToken",
                        token);
        extensions.contribute(request, page.appeal(), model);
        return TokenPages.privately(pages.render(request, HttpStatus.OK, "appeal", model));
    }

    @Get("/{token}/keine-erinnerung")
    HttpResponse<String> optOutForm(HttpRequest<?> request, String token) {
        var invitation = invitations.byToken(token).orElse(null);
        if (invitation == null) {
            return invalid(request);
        }
        var appeal = invitations.appeal(invitation.appealId()).orElseThrow();
        return TokenPages.privately(
                pages.render(
                        request,
                        HttpStatus.OK,
                        "invitation/opt-out",
                        Pages.model(
                                "appeal",
                                appeal,
                                "token",
                                token,
                                "done",
                                invitation.status() == InvitationStatus.OPTED_OUT)));
    }

    @Post("/{token}/keine-erinnerung")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> optOut(HttpRequest<?> request, String token) {
        var invitation = invitations.byToken(token).orElse(null);
        if (invitation == null) {
            return invalid(request);
        }
        invitations.optOut(token);
        var appeal = invitations.appeal(invitation.appealId()).orElseThrow();
        return TokenPages.privately(
                pages.render(
                        request,
                        HttpStatus.OK,
                        "invitation/opt-out",
                        Pages.model("appeal", appeal, "token", token, "done", true)));
    }

    private MutableHttpResponse<String> invalid(HttpRequest<?> request) {
        return TokenPages.privately(
                pages.render(
                        request,
                        HttpStatus.NOT_FOUND,
                        "signing/link-invalid",
                        Pages.model("kind", "invitation")));
    }
}
