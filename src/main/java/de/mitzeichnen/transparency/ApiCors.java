package de.mitzeichnen.transparency;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The open API is public data: any web page may read it with GET (no credentials, so a plain "*").
 */
@ServerFilter({"/api/v1/**", "/api/openapi.yml"})
class ApiCors {

    @ResponseFilter
    void allowAnyOrigin(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD) {
            response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        }
    }
}
