package de.mitzeichnen.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.security.csrf.resolver.CsrfTokenResolver;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Console forms carry their form token in the action URL ({@code ?csrfToken=…}), where Micronaut's
 * CSRF filter finds it without reading the body. (Its body-reading resolver is switched off: with
 * it, a form POST whose body arrives after the headers lost its response in Micronaut 4.10's filter
 * chain, and uploads are megabytes long.) The token is HMAC-signed and compared with the HttpOnly
 * cookie; the request log leaves query strings out.
 */
@Singleton
class FormTokenInAction implements CsrfTokenResolver<HttpRequest<?>> {

    private final CsrfConfiguration csrf;

    FormTokenInAction(CsrfConfiguration csrf) {
        this.csrf = csrf;
    }

    @Override
    public Optional<String> resolveToken(HttpRequest<?> request) {
        return Optional.ofNullable(request.getParameters().get(csrf.getFieldName()));
    }
}
