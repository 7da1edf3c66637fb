package de.mitzeichnen.web;

import de.mitzeichnen.config.MitzeichnenConfig;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The security headers of every response, in one place. Pages carry no inline script or style, so
 * the CSP allows only this origin's files. Only the embeddable widget may be framed by other sites.
 * A response that brings its own policy (the dev mailbox's framed mail) keeps it. Token pages set
 * their stricter {@code no-referrer} themselves.
 */
@ServerFilter("/**")
class SecurityHeadersFilter {

    static final String CSP =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String WIDGET_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors *");
    static final String PERMISSIONS =
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()," + " interest-cohort=()";

    /**
     * Pages whose address holds a secret token, also when the token is unknown (404): never in a
     * Referer.
     */
    private static final Pattern TOKEN_PAGE =
            Pattern.compile("^/(bestaetigen|zurueckziehen|einladung|verwaltung/passwort-neu)/.*");

    private static final Pattern WIDGET = Pattern.compile("^/(aufrufe|buendnisse)/[^/]+/widget/?$");

    private final boolean https;
    private final String csp;
    private final String widgetCsp;

    SecurityHeadersFilter(
            MitzeichnenConfig config,
            @Value("${mitzeichnen.accessibility.dgs-video-url:}") String dgsVideoUrl) {
        this.https = config.getBaseUrl().regionMatches(true, 0, "https:", 0, 6);
        this.csp = withVideo(CSP, dgsVideoUrl);
        this.widgetCsp = withVideo(WIDGET_CSP, dgsVideoUrl);
    }

    /**
     * The operator's sign-language video (on the start page) may lie on another server, e.g. the
     * city's media server: its origin is allowed for media, nothing else.
     */
    static String withVideo(String csp, String videoUrl) {
        if (videoUrl == null || videoUrl.isBlank()) {
            return csp;
        }
        URI uri = URI.create(videoUrl.strip());
        if (uri.getScheme() == null || uri.getHost() == null) {
            return csp;
        }
        String origin =
                uri.getScheme().toLowerCase(Locale.ROOT)
                        + "://"
                        + uri.getHost().toLowerCase(Locale.ROOT)
                        + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return csp + "; media-src 'self' " + origin;
    }

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var h = response.getHeaders();
        boolean widget = WIDGET.matcher(request.getPath()).matches();
        if (!h.contains("Content-Security-Policy")) {
            h.add("Content-Security-Policy", widget ? widgetCsp : csp);
            if (!widget) {
                h.add("X-Frame-Options", "DENY");
            }
        }
        if (!h.contains("X-Content-Type-Options")) {
            h.add("X-Content-Type-Options", "nosniff");
        }
        if (TOKEN_PAGE.matcher(request.getPath()).matches()) {
            h.set("Referrer-Policy", "no-referrer");
        } else if (!h.contains("Referrer-Policy")) {
            h.add("Referrer-Policy", "strict-origin-when-cross-origin");
        }
        h.add("Permissions-Policy", PERMISSIONS);
        if (https) {
            h.add("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }
}
