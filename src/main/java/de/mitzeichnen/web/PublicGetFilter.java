package de.mitzeichnen.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Makes {@link PublicGet} routes shareable by every cache on the way: no {@code Set-Cookie}
 * (whichever filter added one), a public {@code Cache-Control}, an {@code ETag} and 304 for a
 * matching {@code If-None-Match}. Runs its response part last, after every other filter has added
 * its headers.
 */
@ServerFilter("/**")
class PublicGetFilter implements Ordered {

    private final PublicCacheConfig config;

    PublicGetFilter(PublicCacheConfig config) {
        this.config = config;
    }

    @RequestFilter
    void language(HttpRequest<?> request) {
        if (isPublic(request)) {
            request.setAttribute(Languages.FROM_URL_ONLY, Boolean.TRUE);
        }
    }

    @ResponseFilter
    MutableHttpResponse<?> share(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!isPublic(request)) {
            return response;
        }
        response.getHeaders().remove(HttpHeaders.SET_COOKIE);
        int code = response.code();
        if (code >= 500) {
            response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
            return response;
        }
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, config.cacheControl());
        String etag = response.getHeaders().get(HttpHeaders.ETAG);
        if (etag == null) {
            byte[] body = response.getBody().map(PublicGetFilter::bytes).orElse(null);
            if (body == null) {
                return response;
            }
            etag = RenderCache.etag(body);
            response.getHeaders().set(HttpHeaders.ETAG, etag);
        }
        if (code == 200 && matches(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), etag)) {
            MutableHttpResponse<?> notModified = HttpResponse.notModified();
            notModified.getHeaders().set(HttpHeaders.ETAG, etag);
            notModified.getHeaders().set(HttpHeaders.CACHE_CONTROL, config.cacheControl());
            response.getHeaders()
                    .getAll(HttpHeaders.VARY)
                    .forEach(v -> notModified.getHeaders().add(HttpHeaders.VARY, v));
            response.getHeaders()
                    .getAll(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                    .forEach(
                            v ->
                                    notModified
                                            .getHeaders()
                                            .add(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, v));
            return notModified;
        }
        return response;
    }

    private static byte[] bytes(Object body) {
        if (body instanceof byte[] b) {
            return b;
        }
        if (body instanceof CharSequence s) {
            return s.toString().getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .anyMatch(t -> t.equals("*") || t.equals(etag));
    }

    private static boolean isPublic(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
            return false;
        }
        RouteMatch<?> route = RouteAttributes.getRouteMatch(request).orElse(null);
        return route != null
                && route.getRouteInfo().getAnnotationMetadata().hasAnnotation(PublicGet.class);
    }

    @Override
    public int getOrder() {
        // the lowest order runs its response part last
        return ServerFilterPhase.FIRST.before();
    }
}
