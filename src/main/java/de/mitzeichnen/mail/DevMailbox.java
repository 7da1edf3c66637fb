package de.mitzeichnen.mail;

import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.web.NotFoundException;
import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dev mailbox: with no SMTP host configured, mails are "delivered" here so that the whole flow
 * works in a browser without a mail server. It exists only in development (no SMTP host and a
 * loopback base URL; production without SMTP host does not start, see {@link ProductionMail}) and
 * answers only a browser on this machine that connects directly and asks for a loopback name
 * (localhost, 127.0.0.1, [::1]): a request with any forwarding header came through a proxy, maybe
 * from anywhere, and one for another name came from a page that rebound its name to this machine;
 * both get 404.
 */
@Controller("/dev/mails")
@Requires(condition = DevMailbox.Development.class)
class DevMailbox {

    static final int LIST_LIMIT = 200;
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)\\]]");

    /**
     * The mail's own HTML, shown framed: no scripts, no requests anywhere, links open in the top
     * window.
     */
    static final String HTML_CSP =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none';"
                    + " frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox"
                    + " allow-top-navigation-by-user-activation";

    private final OutboxRepository repository;
    private final PageRenderer pages;

    /** Headers a proxy adds; their presence means the connection is not the browser's own. */
    static final List<String> FORWARDING_HEADERS =
            List.of(
                    "X-Forwarded-For",
                    "Forwarded",
                    "X-Real-IP",
                    "X-Forwarded-Host",
                    "X-Forwarded-Proto",
                    "X-Client-IP",
                    "True-Client-IP",
                    "CF-Connecting-IP");

    DevMailbox(OutboxRepository repository, PageRenderer pages) {
        this.repository = repository;
        this.pages = pages;
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> list(HttpRequest<?> request) {
        guard(request);
        return pages.render(
                request,
                HttpStatus.OK,
                "devmail/list",
                Pages.model("mails", repository.newest(LIST_LIMIT)));
    }

    @Get("/{id}")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> show(HttpRequest<?> request, String id) {
        guard(request);
        OutboxMessage mail = find(id);
        return pages.render(
                request,
                HttpStatus.OK,
                "devmail/show",
                Pages.model("mail", mail, "textParts", linkify(mail.textBody())));
    }

    @Get("/{id}/html")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> html(HttpRequest<?> request, String id) {
        guard(request);
        OutboxMessage mail = find(id);
        return HttpResponse.ok(withTopTarget(mail.htmlBody()))
                .contentType(MediaType.TEXT_HTML_TYPE + ";charset=utf-8")
                .header("Content-Security-Policy", HTML_CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    private OutboxMessage find(String id) {
        try {
            return repository.findById(Long.parseLong(id)).orElseThrow(NotFoundException::new);
        } catch (NumberFormatException e) {
            throw new NotFoundException();
        }
    }

    private void guard(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress address = remote == null ? null : remote.getAddress();
        if (address == null
                || !address.isLoopbackAddress()
                || !isLocalHost(hostOf(request.getHeaders().get(HttpHeaders.HOST)))
                || FORWARDING_HEADERS.stream().anyMatch(h -> request.getHeaders().contains(h))) {
            throw new NotFoundException();
        }
    }

    /**
     * The host name the browser asked for, without the port; null when there is none or it is no
     * host name. A page on another site whose name was made to point at 127.0.0.1 (DNS rebinding)
     * reaches this machine from the visitor's browser, but with its own name in Host.
     */
    static String hostOf(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return URI.create("http://" + header.trim() + "/").getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A link in the framed mail replaces the mailbox page, as it would open from a mail client. */
    static String withTopTarget(String html) {
        Matcher head = Pattern.compile("<head[^>]*>", Pattern.CASE_INSENSITIVE).matcher(html);
        if (head.find()) {
            return html.substring(0, head.end())
                    + "<base target=\"_top\">"
                    + html.substring(head.end());
        }
        return "<base target=\"_top\">" + html;
    }

    /**
     * A text part and whether it is a link, so that the page can show the text with clickable
     * addresses.
     */
    record TextPart(String text, boolean link) {}

    static List<TextPart> linkify(String text) {
        List<TextPart> parts = new ArrayList<>();
        Matcher m = URL.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(new TextPart(text.substring(at, m.start()), false));
            }
            parts.add(new TextPart(m.group(), true));
            at = m.end();
        }
        if (at < text.length()) {
            parts.add(new TextPart(text.substring(at), false));
        }
        return parts;
    }

    static boolean isLocalHost(String host) {
        return MitzeichnenConfig.isLoopbackHost(host);
    }

    /**
     * The mailbox exists only while no SMTP host is configured and the base URL is a loopback one.
     */
    static final class Development implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            if (context.getBeanContext() instanceof PropertyResolver properties) {
                boolean noSmtp =
                        properties
                                .getProperty("mitzeichnen.mail.smtp-host", String.class)
                                .map(String::isBlank)
                                .orElse(true);
                String baseUrl =
                        properties
                                .getProperty("mitzeichnen.base-url", String.class)
                                .orElse("http://localhost:8080");
                return noSmtp && isLocalHost(URI.create(baseUrl.trim()).getHost());
            }
            return false;
        }
    }
}
