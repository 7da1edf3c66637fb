package de.mitzeichnen.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.function.Function;

/**
 * How long shared caches may keep public pages ({@code mitzeichnen.public-cache.*}); counts stay ≤
 * 10 s fresh.
 */
@ConfigurationProperties("mitzeichnen.public-cache")
public class PublicCacheConfig {

    private Duration maxAge = Duration.ofSeconds(5);
    private Duration staleWhileRevalidate = Duration.ofSeconds(30);
    private Duration staleIfError = Duration.ofMinutes(5);

    /**
     * How long a rendered public answer is reused in memory, so that a burst of readers costs one
     * render.
     */
    private Duration renderTtl = Duration.ofMillis(1500);

    public Duration getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
        this.maxAge = maxAge;
    }

    public Duration getStaleWhileRevalidate() {
        return staleWhileRevalidate;
    }

    public void setStaleWhileRevalidate(Duration staleWhileRevalidate) {
        this.staleWhileRevalidate = staleWhileRevalidate;
    }

    public Duration getStaleIfError() {
        return staleIfError;
    }

    public void setStaleIfError(Duration staleIfError) {
        this.staleIfError = staleIfError;
    }

    public Duration getRenderTtl() {
        return renderTtl;
    }

    public void setRenderTtl(Duration renderTtl) {
        this.renderTtl = renderTtl;
    }

    /**
     * {@code load} behind a cache that keeps each answer for the render TTL: lookups on the public
     * and signing paths (an appeal by its slug, its organiser) may be exactly as stale as a
     * rendered page. With a TTL of zero (the tests) every call loads.
     */
    public <K, V> Function<K, V> shortLived(Function<K, V> load, int maximumSize) {
        if (renderTtl.isZero()) {
            return load;
        }
        LoadingCache<K, V> cache =
                Caffeine.newBuilder()
                        .expireAfterWrite(renderTtl)
                        .maximumSize(maximumSize)
                        .build(load::apply);
        return cache::get;
    }

    /** {@code public, max-age=5, stale-while-revalidate=30, stale-if-error=300}. */
    public String cacheControl() {
        return "public, max-age="
                + maxAge.toSeconds()
                + ", stale-while-revalidate="
                + staleWhileRevalidate.toSeconds()
                + ", stale-if-error="
                + staleIfError.toSeconds();
    }
}
