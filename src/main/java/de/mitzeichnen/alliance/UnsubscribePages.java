package de.mitzeichnen.alliance;

import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import de.mitzeichnen.web.TokenPages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Optional;

/**
 * The unsubscribe link of an alliance's mails to its contacts. GET only shows what the link does
 * and a button (mail gateways open links by themselves, so a GET changes nothing); a POST — the
 * button, or a mail client's one-click „unsubscribe" with the body {@code
 * List-Unsubscribe=One-Click} (RFC 8058), which needs no page, cookie or form token — unsubscribes.
 */
@Hidden
@Controller("/abmelden")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class UnsubscribePages {

    private final Unsubscribes unsubscribes;
    private final Unsubscribing unsubscribing;
    private final Alliances alliances;
    private final PageRenderer pages;

    UnsubscribePages(
            Unsubscribes unsubscribes,
            Unsubscribing unsubscribing,
            Alliances alliances,
            PageRenderer pages) {
        this.unsubscribes = unsubscribes;
        this.unsubscribing = unsubscribing;
        this.alliances = alliances;
        this.pages = pages;
    }

    @Get("/{token}")
    HttpResponse<String> show(HttpRequest<?> request, String token) {
        Optional<Unsubscribes.Link> link = unsubscribes.parse(token);
        Optional<Alliance> alliance = link.flatMap(l -> alliances.byId(l.allianceId()));
        if (alliance.isEmpty()) {
            return invalid(request);
        }
        return page(request, alliance.get(), token, unsubscribes.done(link.get()));
    }

    @Post("/{token}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    HttpResponse<String> unsubscribe(HttpRequest<?> request, String token) {
        Optional<Unsubscribes.Link> link = unsubscribes.parse(token);
        Optional<Alliance> alliance = link.flatMap(l -> alliances.byId(l.allianceId()));
        if (alliance.isEmpty()) {
            return invalid(request);
        }
        unsubscribing.unsubscribe(alliance.get(), link.get());
        return page(request, alliance.get(), token, true);
    }

    private HttpResponse<String> page(
            HttpRequest<?> request, Alliance alliance, String token, boolean done) {
        return TokenPages.privately(
                pages.render(
                        request,
                        HttpStatus.OK,
                        "alliance/unsubscribe",
                        Pages.model("alliance", alliance, "token", token, "done", done)));
    }

    private HttpResponse<String> invalid(HttpRequest<?> request) {
        return TokenPages.privately(
                pages.render(
                        request,
                        HttpStatus.NOT_FOUND,
                        "signing/link-invalid",
                        Pages.model("kind", "unsubscribe")));
    }
}
