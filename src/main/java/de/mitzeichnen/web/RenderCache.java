package de.mitzeichnen.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Keeps rendered public answers in memory for a second or two (per key: route, appeal, language, query), so a burst
 * of readers costs one render: concurrent misses for one key wait for the same render. The answer carries its
 * {@code ETag}, computed once per render.
 */
@Singleton
public class RenderCache {

    /** A finished answer: status, content type, bytes and their ETag. */
    public record Rendered(int status, String contentType, byte[] body, String etag) {
        public static Rendered of(HttpStatus status, String contentType, String body) {
            return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        public static Rendered of(HttpStatus status, String contentType, byte[] body) {
            return new Rendered(status.getCode(), contentType, body, RenderCache.etag(body));
        }

        /** A page from {@link PageRenderer}. */
        public static Rendered of(MutableHttpResponse<String> page) {
            return of(page.status(), page.getContentType().map(Object::toString).orElse("text/html;charset=utf-8"),
                    page.body());
        }
    }

    private final Cache<String, Rendered> cache;

    RenderCache(PublicCacheConfig config) {
        cache = Caffeine.newBuilder().expireAfterWrite(config.getRenderTtl()).maximumSize(2_000).build();
    }

    public MutableHttpResponse<byte[]> respond(String key, Supplier<Rendered> render) {
        Rendered r = cache.get(key, k -> render.get());
        return HttpResponse.<byte[]>status(HttpStatus.valueOf(r.status())).contentType(r.contentType())
                .header(HttpHeaders.ETAG, r.etag()).body(r.body());
    }

    /** A strong ETag: the first 128 bits of the body's SHA-256. */
    public static String etag(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16))
                    + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
