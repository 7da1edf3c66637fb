package de.mitzeichnen.web;

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

    @ResponseFilter
    void remember(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Languages.supported(request.getParameters().get(Languages.PARAM)).ifPresent(locale ->
                response.cookie(Cookie.of(Languages.COOKIE, locale.getLanguage())
                        .path("/")
                        .maxAge(Duration.ofDays(365))
                        .sameSite(SameSite.Lax)
                        .httpOnly(true)));
    }
}
