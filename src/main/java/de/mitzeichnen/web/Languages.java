package de.mitzeichnen.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.server.util.locale.CompositeHttpLocaleResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * German by default, English complete. {@code ?lang=de|en} wins and is remembered in a cookie (see
 * {@link LanguageCookieFilter}), then the cookie, then Accept-Language.
 */
@Singleton
@Primary
@Replaces(CompositeHttpLocaleResolver.class)
public class Languages implements HttpLocaleResolver {

    public static final Locale GERMAN = Locale.GERMAN;
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> SUPPORTED = List.of(GERMAN, ENGLISH);
    static final String PARAM = "lang";
    static final String COOKIE = "lang";

    /**
     * Set on public, shared pages: their language is decided by the URL alone, so every visitor
     * gets the same bytes.
     */
    static final String FROM_URL_ONLY = "mitzeichnen.lang.urlOnly";

    /** The supported locale for a language code, if it is one. */
    public static Optional<Locale> supported(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toLowerCase(Locale.ROOT);
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(c)).findFirst();
    }

    @Override
    public Optional<Locale> resolve(HttpRequest<?> request) {
        Optional<Locale> fromParam = supported(request.getParameters().get(PARAM));
        if (fromParam.isPresent() || request.getAttribute(FROM_URL_ONLY).isPresent()) {
            return Optional.of(fromParam.orElse(GERMAN));
        }
        Optional<Locale> fromCookie =
                request.getCookies()
                        .findCookie(COOKIE)
                        .map(Cookie::getValue)
                        .flatMap(Languages::supported);
        if (fromCookie.isPresent()) {
            return fromCookie;
        }
        String header = request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE);
        if (header != null && !header.isBlank()) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
                if (best != null) {
                    return Optional.of(best);
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed header means: no preference
            }
        }
        return Optional.of(GERMAN);
    }

    @Override
    public Locale resolveOrDefault(HttpRequest<?> request) {
        return resolve(request).orElse(GERMAN);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
