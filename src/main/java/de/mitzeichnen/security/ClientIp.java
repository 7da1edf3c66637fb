package de.mitzeichnen.security;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client's address, for throttling, the audit log and signers' address hashes — only ever kept
 * as a keyed hash. Forwarding headers count only when the connecting peer is one of {@code
 * MITZEICHNEN_TRUSTED_PROXIES}: then the client is the right-most entry of {@code X-Forwarded-For}
 * (or else of {@code Forwarded}) that is not itself a trusted proxy. Entries further left were sent
 * by the client and could say anything.
 */
@Singleton
public class ClientIp {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern FORWARDED_FOR =
            Pattern.compile("(?i)(?:^|;)\\s*for\\s*=\\s*(\"[^\"]*\"|[^;,]*)");

    private final Secrets secrets;
    private final List<Cidr> trusted;

    ClientIp(SecurityConfig config, Secrets secrets) {
        this.secrets = secrets;
        List<Cidr> cidrs = new ArrayList<>();
        for (String entry : config.getTrustedProxies()) {
            cidrs.add(
                    Cidr.parse(entry)
                            .orElseThrow(
                                    () ->
                                            new ConfigurationException(
                                                    "MITZEICHNEN_TRUSTED_PROXIES: '"
                                                            + entry
                                                            + "' is neither an IP address nor a CIDR range "
                                                            + "such as 10.0.0.0/8 or fd00::/8")));
        }
        this.trusted = List.copyOf(cidrs);
    }

    String address(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String peer =
                remote.getAddress() != null
                        ? remote.getAddress().getHostAddress()
                        : remote.getHostString();
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> chain = chain(request);
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (!isTrusted(chain.get(i))) {
                return chain.get(i);
            }
        }
        // every hop is one of our proxies: the left-most one is as close to the client as we know
        return chain.isEmpty() ? peer : chain.get(0);
    }

    /** The hops a trusted proxy reported, client first. */
    static List<String> chain(HttpRequest<?> request) {
        List<String> hops = new ArrayList<>();
        List<String> xff = request.getHeaders().getAll("X-Forwarded-For");
        if (!xff.isEmpty()) {
            for (String header : xff) {
                for (String part : header.split(",")) {
                    if (!part.isBlank()) {
                        hops.add(normalise(part));
                    }
                }
            }
            return hops;
        }
        for (String header : request.getHeaders().getAll("Forwarded")) {
            for (String element : header.split(",")) {
                Matcher m = FORWARDED_FOR.matcher(element);
                if (m.find()) {
                    hops.add(normalise(m.group(1)));
                }
            }
        }
        return hops;
    }

    /** Strips quotes, brackets and ports ("[2001:db8::1]:4711", "192.0.2.1:80"). */
    static String normalise(String hop) {
        String h = hop.trim().replace("\"", "");
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(1, end) : h;
        }
        if (h.indexOf(':') > 0 && h.indexOf(':') == h.lastIndexOf(':')) {
            return h.substring(0, h.indexOf(':'));
        }
        return h.toLowerCase(Locale.ROOT);
    }

    private boolean isTrusted(String address) {
        if (trusted.isEmpty()) {
            return false;
        }
        Optional<byte[]> bytes = literal(address);
        return bytes.isPresent() && trusted.stream().anyMatch(c -> c.contains(bytes.get()));
    }

    /** The bytes of an IP literal, never a DNS lookup. */
    static Optional<byte[]> literal(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return Optional.empty();
        }
        boolean v4 = IPV4.matcher(s).matches();
        boolean v6 =
                s.indexOf(':') >= 0
                        && s.chars()
                                .allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The keyed hash of the client's address. */
    public String hash(HttpRequest<?> request) {
        return secrets.keyedHash(Secrets.ADDRESS_PURPOSE, address(request));
    }

    /** An address range such as 10.0.0.0/8 or fd00::/8 (a single address without the suffix). */
    public record Cidr(byte[] network, int bits) {
        public static Optional<Cidr> parse(String text) {
            String[] parts = text.trim().split("/", 2);
            Optional<byte[]> address = literal(parts[0]);
            if (address.isEmpty()) {
                return Optional.empty();
            }
            int max = address.get().length * 8;
            int bits = max;
            if (parts.length == 2) {
                try {
                    bits = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
                if (bits < 0 || bits > max) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Cidr(address.get(), bits));
        }

        public boolean contains(byte[] address) {
            byte[] a = address;
            byte[] n = network;
            if (a.length != n.length) {
                // an IPv4 address mapped into IPv6 (::ffff:a.b.c.d) against an IPv4 range
                if (a.length == 16 && n.length == 4 && isMapped(a)) {
                    a = Arrays.copyOfRange(a, 12, 16);
                } else {
                    return false;
                }
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != n[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (a[full] & mask) == (n[full] & mask);
        }

        private static boolean isMapped(byte[] a) {
            for (int i = 0; i < 10; i++) {
                if (a[i] != 0) {
                    return false;
                }
            }
            return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
        }
    }
}
