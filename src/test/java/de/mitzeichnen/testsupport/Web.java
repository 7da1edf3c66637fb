package de.mitzeichnen.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A browser-like HTTP client for tests: talks to the running server over a real socket, keeps
 * cookies, never follows redirects, and hands back status, headers and the parsed page.
 */
public final class Web {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final URI base;
    private final HttpClient client;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();

    public Web(URI base) {
        this.base = base;
        this.client =
                HttpClient.newBuilder()
                        .cookieHandler(cookies)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
    }

    public record Page(int status, String body, HttpResponse<String> raw) {
        public Document doc() {
            return Jsoup.parse(body);
        }

        public String text() {
            return doc().text();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /**
     * Sends this header with every request from now on, e.g. a client address for a proxy header.
     */
    public Web withHeader(String name, String value) {
        defaultHeaders.put(name, value);
        return this;
    }

    public Page get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET();
        defaultHeaders.forEach(b::header);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    public Page post(String path, Map<String, String> form, String... headers) {
        return postEncoded(path, encode(form), headers);
    }

    /** Posts an already encoded form body (e.g. from {@link #encodeAll}, with repeated fields). */
    public Page postEncoded(String path, String body, String... headers) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        defaultHeaders.forEach(b::header);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    /**
     * Posts a form like a browser: GETs {@code pagePath} first and sends the form along with its
     * hidden {@code csrfToken} field when the page has one (console forms; public forms have none).
     * Values may be strings or collections of strings (repeated fields, e.g. checkboxes).
     */
    public Page postForm(String pagePath, String actionPath, Map<String, ?> form) {
        Page page = get(pagePath);
        if (page.status() != 200) {
            throw new AssertionError(
                    "GET "
                            + pagePath
                            + " gave "
                            + page.status()
                            + " instead of a page with a form");
        }
        String token = csrf(page);
        return token.isEmpty()
                ? postEncoded(actionPath, encodeAll(form))
                : postWithToken(token, actionPath, form);
    }

    /**
     * Posts a form with the given token (e.g. from {@link #csrf(Page)} of a page already fetched),
     * as console forms send it: in the action URL.
     */
    public Page postWithToken(String token, String actionPath, Map<String, ?> form) {
        return postEncoded(withToken(actionPath, token), encodeAll(form));
    }

    /**
     * The address with the form token as query parameter, as console forms' action URLs carry it.
     */
    public static String withToken(String actionPath, String token) {
        return actionPath
                + (actionPath.contains("?") ? "&" : "?")
                + "csrfToken="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /**
     * Uploads a file like a browser form with {@code enctype="multipart/form-data"}: upload forms
     * carry the form token in their action URL (the CSRF check reads no multipart bodies), so it
     * goes there.
     */
    public Page postFile(
            String token, String actionPath, String field, String fileName, byte[] content) {
        String boundary = "----mz" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\""
                                + field
                                + "\"; filename=\""
                                + fileName
                                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String path = withToken(actionPath, token);
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        defaultHeaders.forEach(b::header);
        return send(b.build());
    }

    /**
     * Posts a multipart form with text fields and one file (which may be empty, as a browser sends
     * an empty file field); the form token goes in the action URL as with {@link #postFile}.
     */
    public Page postMultipart(
            String token,
            String actionPath,
            Map<String, String> fields,
            String fileField,
            String fileName,
            String contentType,
            byte[] content) {
        String boundary = "----mz" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach(
                (k, v) ->
                        body.writeBytes(
                                ("--"
                                                + boundary
                                                + "\r\nContent-Disposition: form-data; name=\""
                                                + k
                                                + "\"\r\n\r\n"
                                                + v
                                                + "\r\n")
                                        .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\""
                                + fileField
                                + "\"; filename=\""
                                + fileName
                                + "\"\r\nContent-Type: "
                                + contentType
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String path =
                actionPath
                        + (actionPath.contains("?") ? "&" : "?")
                        + "csrfToken="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        defaultHeaders.forEach(b::header);
        return send(b.build());
    }

    /**
     * The form token of a page (the value of its first hidden {@code csrfToken} field); empty for
     * pages without one (public forms, login and password reset need none).
     */
    public static String csrf(Page page) {
        var field = page.doc().selectFirst("input[name=csrfToken]");
        return field == null ? "" : field.attr("value");
    }

    /**
     * The console form token this browser holds (its form cookie, set at login), e.g. to post to a
     * page that shows no form (any more), as a browser would from a page opened earlier; empty when
     * it has none (public forms need none).
     */
    public String csrfToken() {
        String token = cookie("mz_csrf");
        return token == null ? "" : token;
    }

    /** The value of a cookie this client holds, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    /** A download: status, headers and the raw bytes. */
    public HttpResponse<byte[]> download(String path) {
        try {
            HttpRequest.Builder b =
                    HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET();
            defaultHeaders.forEach(b::header);
            return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Page send(HttpRequest request) {
        try {
            HttpResponse<String> r =
                    client.send(
                            request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public CookieManager cookies() {
        return cookies;
    }

    public URI base() {
        return base;
    }

    public static Map<String, String> form(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /**
     * Encodes a form whose values are strings or collections of strings (sent as repeated fields).
     */
    public static String encodeAll(Map<String, ?> form) {
        return form.entrySet().stream()
                .flatMap(
                        e ->
                                (e.getValue() instanceof Collection<?> c
                                                ? c.stream()
                                                : Stream.of(e.getValue()))
                                        .map(
                                                v ->
                                                        URLEncoder.encode(
                                                                        e.getKey(),
                                                                        StandardCharsets.UTF_8)
                                                                + "="
                                                                + URLEncoder.encode(
                                                                        v == null
                                                                                ? ""
                                                                                : v.toString(),
                                                                        StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }

    public static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(
                        e ->
                                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                        + "="
                                        + URLEncoder.encode(
                                                e.getValue() == null ? "" : e.getValue(),
                                                StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
