package de.mitzeichnen.web;

import de.mitzeichnen.config.MitzeichnenConfig;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.time.Duration;

/** Remembers a language chosen with {@code ?lang=} for later visits. */
@ServerFilter("/**")
class LanguageCookieFilter {

    private final boolean https;

    LanguageCookieFilter(MitzeichnenConfig config) {
        this.https = config.getBaseUrl().regionMatches(true, 0, "https:", 0, 6);
    }

    @ResponseFilter
    void remember(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Languages.supported(request.getParameters().get(Languages.PARAM))
                .ifPresent(
                        locale ->
                                response.cookie(
                                        Cookie.of(Languages.COOKIE, locale.getLanguage())
                                                .path("/")
                                                .maxAge(Duration.ofDays(365))
                                                .sameSite(SameSite.Lax)
                                                .httpOnly(true)
                                                .secure(https)));
    }
}
