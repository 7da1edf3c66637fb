package de.mitzeichnen.web;

import de.mitzeichnen.config.MitzeichnenConfig;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The privacy notice and the imprint, generated from {@link LegalConfig} unless the operator links
 * their own pages. A public service must have both: with a base URL that is not local the start is
 * refused while neither is configured.
 */
@Context
@Controller
@Produces(MediaType.TEXT_HTML)
class LegalPages {

    private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final PageRenderer pages;
    private final LegalConfig legal;

    private final String version;

    LegalPages(
            PageRenderer pages,
            LegalConfig legal,
            MitzeichnenConfig config,
            @Value("${mitzeichnen.signing.privacy-version:}") String version) {
        this.pages = pages;
        this.legal = legal;
        this.version = version;
        check(config, legal);
    }

    static boolean local(String baseUrl) {
        String host = URI.create(baseUrl).getHost();
        return host == null || LOCAL.contains(host.toLowerCase(Locale.ROOT));
    }

    static void check(MitzeichnenConfig config, LegalConfig legal) {
        if (local(config.getBaseUrl()) || legal.complete()) {
            return;
        }
        if (config.getPrivacyUrl().isEmpty()) {
            throw new ConfigurationException(
                    "A public service (MITZEICHNEN_BASE_URL "
                            + config.getBaseUrl()
                            + ") needs a privacy notice: set MITZEICHNEN_PRIVACY_URL to your own page, or "
                            + "MITZEICHNEN_PRIVACY_CONTROLLER (name and address of the controller) and "
                            + "MITZEICHNEN_PRIVACY_CONTACT (e-mail for data protection requests) for the generated page "
                            + "/datenschutz");
        }
        if (config.getImprintUrl().isEmpty()) {
            throw new ConfigurationException(
                    "A public service (MITZEICHNEN_BASE_URL "
                            + config.getBaseUrl()
                            + ") needs an imprint: set MITZEICHNEN_IMPRINT_URL to your own page, or "
                            + "MITZEICHNEN_PRIVACY_CONTROLLER and MITZEICHNEN_PRIVACY_CONTACT for the generated page "
                            + "/impressum");
        }
    }

    @Get("/datenschutz")
    HttpResponse<String> privacy(HttpRequest<?> request) {
        return pages.render(
                request, HttpStatus.OK, "privacy", Pages.model("legal", legal, "version", version));
    }

    @Get("/impressum")
    HttpResponse<String> imprint(HttpRequest<?> request) {
        return pages.render(request, HttpStatus.OK, "imprint", Pages.model("legal", legal));
    }
}
