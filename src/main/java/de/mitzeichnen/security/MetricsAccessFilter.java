package de.mitzeichnen.security;

import de.mitzeichnen.security.ClientIp.Cidr;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
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
import java.util.Arrays;
import java.util.List;

/**
 * The Prometheus endpoint ({@code /prometheus}) is for operators only, and only as configured:
 * {@code Authorization: Bearer <MITZEICHNEN_METRICS_TOKEN>}, or a direct connection (no forwarding
 * header) from one of {@code MITZEICHNEN_METRICS_ADDRESSES}. Without either setting nobody gets in:
 * "from this machine" is no proof of being the operator when a proxy on the same machine forwards
 * without adding a header. Everyone else gets 404.
 */
@ServerFilter("/prometheus/**")
class MetricsAccessFilter {

    private static final List<String> FORWARDING =
            List.of("X-Forwarded-For", "Forwarded", "X-Real-IP");

    private final String token;
    private final List<Cidr> addresses;

    MetricsAccessFilter(
            @Value("${mitzeichnen.metrics-token:}") String token,
            @Value("${mitzeichnen.metrics-addresses:}") String addresses) {
        this.token = token == null ? "" : token.trim();
        this.addresses =
                Arrays.stream(addresses == null ? new String[0] : addresses.split(","))
                        .map(String::trim)
                        .filter(a -> !a.isEmpty())
                        .map(
                                a ->
                                        Cidr.parse(a)
                                                .orElseThrow(
                                                        () ->
                                                                new ConfigurationException(
                                                                        "MITZEICHNEN_METRICS_ADDRESSES: '"
                                                                                + a
                                                                                + "' is neither an IP address nor a CIDR range")))
                        .toList();
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> guard(HttpRequest<?> request) {
        return allowed(request) ? null : HttpResponse.status(HttpStatus.NOT_FOUND);
    }

    boolean allowed(HttpRequest<?> request) {
        if (!token.isEmpty()) {
            String auth = request.getHeaders().getAuthorization().orElse("");
            if (auth.startsWith("Bearer ")
                    && MessageDigest.isEqual(
                            auth.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                            token.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress address = remote == null ? null : remote.getAddress();
        return address != null
                && addresses.stream().anyMatch(c -> c.contains(address.getAddress()))
                && FORWARDING.stream().noneMatch(h -> request.getHeaders().contains(h));
    }
}
