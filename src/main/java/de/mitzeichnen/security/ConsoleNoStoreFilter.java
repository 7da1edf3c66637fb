package de.mitzeichnen.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * No answer under /verwaltung may be kept by a browser or proxy: console pages show personal data
 * on shared town-hall PCs, and the reset page's address holds its link. Runs before the security
 * filter, so its refusals and redirects carry the header too.
 */
@ServerFilter({"/verwaltung", "/verwaltung/**"})
class ConsoleNoStoreFilter implements Ordered {

    @ResponseFilter
    void noStore(MutableHttpResponse<?> response) {
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
