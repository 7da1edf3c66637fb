package de.mitzeichnen.security;

import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.URI;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses state-changing requests a browser sent from another site (OWASP: check the origin with
 * standard headers). Public forms (sign, confirm, withdraw, opt-out, login) need no per-visitor
 * token, so public pages set no cookie; console forms also carry a CSRF token. A request is refused
 * when {@code Sec-Fetch-Site} says cross-site or same-site, or when {@code Origin} is present and
 * neither the base URL's origin nor this server as the browser addressed it ({@code Host}, which a
 * cross-site page cannot change). Pages with {@code Referrer-Policy: no-referrer} make browsers
 * send {@code Origin: null}; that counts only together with {@code Sec-Fetch-Site: same-origin}.
 * Clients without these headers (not a browser) are let through. Only headers are read; nothing
 * waits for the body.
 */
@ServerFilter(
        value = "/**",
        methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
class CrossSiteFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(CrossSiteFilter.class);
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    private final String origin;
    private final PageRenderer pages;

    CrossSiteFilter(MitzeichnenConfig config, PageRenderer pages) {
        this.origin = originOf(config.getBaseUrl());
        this.pages = pages;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> check(HttpRequest<?> request) {
        String fetchSite = request.getHeaders().get("Sec-Fetch-Site");
        String from = request.getHeaders().get("Origin");
        if (allowed(fetchSite, from, request.getHeaders().get("Host"))) {
            return null;
        }
        LOG.info(
                "Refused {} {} from another site (Origin {}, Sec-Fetch-Site {})",
                request.getMethodName(),
                request.getPath().replaceAll("/[A-Za-z0-9_-]{20,}", "/***"),
                from,
                fetchSite);
        return pages.render(
                request, HttpStatus.FORBIDDEN, "error/cross-site", Pages.model("status", 403));
    }

    boolean allowed(@Nullable String fetchSite, @Nullable String from, @Nullable String host) {
        if (fetchSite != null && !OWN_SITE.contains(fetchSite.trim().toLowerCase())) {
            return false;
        }
        if (from == null) {
            return true;
        }
        if (from.trim().equals("null")) {
            return fetchSite != null && fetchSite.trim().equalsIgnoreCase("same-origin");
        }
        String claimed = originOf(from);
        return claimed.equals(origin)
                || (host != null && claimed.endsWith("://" + host.trim().toLowerCase()));
    }

    /** scheme://host[:port], lower case, default ports left out. */
    static String originOf(String url) {
        try {
            URI u = URI.create(url.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                return "";
            }
            String scheme = u.getScheme().toLowerCase();
            int port = u.getPort();
            boolean defaultPort =
                    port == -1
                            || (scheme.equals("http") && port == 80)
                            || (scheme.equals("https") && port == 443);
            return scheme + "://" + u.getHost().toLowerCase() + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
