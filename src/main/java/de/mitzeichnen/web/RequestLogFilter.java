package de.mitzeichnen.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request without personal data: no address, no query string (it may carry an
 * e-mail), and token-like path segments (confirmation and withdrawal links) masked.
 */
@ServerFilter("/**")
class RequestLogFilter {

    private static final Logger LOG = LoggerFactory.getLogger("mitzeichnen.requests");
    private static final String STARTED = "mitzeichnen.started";
    private static final Pattern TOKEN_SEGMENT = Pattern.compile("/[A-Za-z0-9_-]{20,}");

    @RequestFilter
    void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    void log(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!LOG.isInfoEnabled() || request.getPath().startsWith("/static/")) {
            return;
        }
        long micros =
                request.getAttribute(STARTED, Long.class)
                        .map(t -> (System.nanoTime() - t) / 1000)
                        .orElse(-1L);
        LOG.info(
                "{} {} {} {}ms",
                request.getMethodName(),
                maskTokens(request.getPath()),
                response.code(),
                micros / 1000.0);
    }

    /**
     * The path as logged: token-like segments masked and control characters (a decoded %0A) shown
     * as '?', so that a request cannot write a log line of its own.
     */
    static String maskTokens(String path) {
        return TOKEN_SEGMENT.matcher(path).replaceAll("/***").replaceAll("\\p{Cntrl}", "?");
    }
}
