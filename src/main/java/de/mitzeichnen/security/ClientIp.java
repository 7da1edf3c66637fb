package de.mitzeichnen.security;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.InetSocketAddress;

/** The client's address, for throttling and the audit log — only ever kept as a keyed hash. */
@Singleton
public class ClientIp {

    private final SecurityConfig config;
    private final Secrets secrets;

    ClientIp(SecurityConfig config, Secrets secrets) {
        this.config = config;
        this.secrets = secrets;
    }

    String address(HttpRequest<?> request) {
        if (!config.getClientIpHeader().isEmpty()) {
            String forwarded = request.getHeaders().get(config.getClientIpHeader());
            if (forwarded != null && !forwarded.isBlank()) {
                // A proxy appends: the left-most entry is the client.
                return forwarded.split(",")[0].trim();
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /** The keyed hash of the client's address. */
    public String hash(HttpRequest<?> request) {
        return secrets.keyedHash("client-address", address(request));
    }
}
