package de.mitzeichnen.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The Prometheus endpoint ({@code /prometheus}) is for operators only: with
 * MITZEICHNEN_METRICS_TOKEN set it needs {@code Authorization: Bearer <token>}; without, it answers
 * only a direct connection from this machine (no forwarding header, so nothing that came through
 * the load balancer). Everyone else gets 404.
 */
@ServerFilter("/prometheus/**")
class MetricsAccessFilter {

    private static final List<String> FORWARDING =
            List.of("X-Forwarded-For", "Forwarded", "X-Real-IP");

    private final String token;

    MetricsAccessFilter(@Value("${mitzeichnen.metrics-token:}") String token) {
        this.token = token == null ? "" : token.trim();
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> guard(HttpRequest<?> request) {
        return allowed(request) ? null : HttpResponse.status(HttpStatus.NOT_FOUND);
    }

    boolean allowed(HttpRequest<?> request) {
        if (!token.isEmpty()) {
            String auth = request.getHeaders().getAuthorization().orElse("");
            return auth.startsWith("Bearer ")
                    && MessageDigest.isEqual(
                            auth.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                            token.getBytes(StandardCharsets.UTF_8));
        }
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress address = remote == null ? null : remote.getAddress();
        return address != null
                && address.isLoopbackAddress()
                && FORWARDING.stream().noneMatch(h -> request.getHeaders().contains(h));
    }
}
