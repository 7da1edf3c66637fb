package de.mitzeichnen.web;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Keeps rendered public answers in memory for a second or two (per key: route, appeal, language,
 * query), so a burst of readers costs one render: concurrent misses for one key wait for the same
 * render. The answer carries its {@code ETag}, computed once per render. Routes that answer only
 * from here take {@code @ExecuteOn(RenderCache.ON_EVENT_LOOP)}: a hit is answered at once on the
 * event loop; only a render (which reads the database) runs on the blocking pool.
 */
@Singleton
public class RenderCache {

    /**
     * The executor for routes that only answer from this cache: they run on the event loop (see
     * {@link SameThreadExecutor}); what reads the database is the render, on the blocking pool.
     */
    public static final String ON_EVENT_LOOP = "render-cache-event-loop";

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
            return of(
                    page.status(),
                    page.getContentType().map(Object::toString).orElse("text/html;charset=utf-8"),
                    page.body());
        }
    }

    private final AsyncCache<String, Rendered> cache;
    private final ExecutorService blocking;

    RenderCache(PublicCacheConfig config, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.blocking = blocking;
        // The cache's own upkeep runs on the calling thread: handed to the blocking pool, it woke
        // a pool thread every few hits, a tenth of the count endpoint's CPU. Renders still go to
        // the blocking pool (see respond).
        cache =
                Caffeine.newBuilder()
                        .expireAfterWrite(config.getRenderTtl())
                        .maximumSize(2_000)
                        .executor(Runnable::run)
                        .buildAsync();
    }

    /**
     * The cached answer for {@code key}, rendered on the blocking pool when missing or older than
     * the TTL.
     */
    public CompletableFuture<MutableHttpResponse<byte[]>> respond(
            String key, Supplier<Rendered> render) {
        return cache.get(key, (k, upkeep) -> CompletableFuture.supplyAsync(render, blocking))
                .handle(
                        (r, failure) -> {
                            if (failure != null) {
                                // the route's own error handlers (404 page, JSON message) see the
                                // original exception
                                Throwable cause =
                                        failure instanceof CompletionException
                                                        && failure.getCause() != null
                                                ? failure.getCause()
                                                : failure;
                                if (cause instanceof RuntimeException e) {
                                    throw e;
                                }
                                throw new CompletionException(cause);
                            }
                            return HttpResponse.<byte[]>status(HttpStatus.valueOf(r.status()))
                                    .contentType(r.contentType())
                                    .header(HttpHeaders.ETAG, r.etag())
                                    .body(r.body());
                        });
    }

    /** A strong ETag: the first 128 bits of the body's SHA-256. */
    public static String etag(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "\""
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(Arrays.copyOf(hash, 16))
                    + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
