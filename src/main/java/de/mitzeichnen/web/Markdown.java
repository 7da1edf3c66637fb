package de.mitzeichnen.web;

import de.mitzeichnen.email.EmailAddress;
import de.mitzeichnen.email.MailDomain;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Renders appeal texts written in Markdown to HTML that is safe to show: CommonMark renders, the
 * OWASP sanitiser keeps only formatting, blocks, lists, tables and http(s)/mailto links (no script,
 * no event handlers, no javascript: URLs, no raw styles). Addresses and link hosts in a text are
 * held to the rules of signers' addresses (UTS #46, UTS #39, see {@link EmailAddress}): {@link
 * #suspects} names those an organiser may not save, and the rendering links the rest by their ASCII
 * (punycode) form, so a link goes where its text says.
 */
@Singleton
public class Markdown {

    private static final PolicyFactory POLICY =
            Sanitizers.FORMATTING
                    .and(Sanitizers.BLOCKS)
                    .and(Sanitizers.LINKS)
                    .and(Sanitizers.TABLES)
                    .and(
                            new HtmlPolicyBuilder()
                                    .allowElements(
                                            "hr",
                                            "pre",
                                            "code",
                                            "br",
                                            "ul",
                                            "ol",
                                            "li",
                                            "blockquote")
                                    .allowAttributes("start")
                                    .onElements("ol")
                                    .toFactory());

    /** Something that looks like an address in running text (not linked, but copied by readers). */
    private static final Pattern ADDRESS_IN_TEXT =
            Pattern.compile(
                    "[^\\s<>()\\[\\]\"',;:]+@[^\\s<>()\\[\\]\"',;:]+\\.[^\\s<>()\\[\\]\"',;:.]+");

    private static final Pattern HOST =
            Pattern.compile("^(?i:https?)://(?:[^/?#@]*@)?([^/?#:\\[]+)");

    private static final Parser PARSER = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().build();

    /** An address or link host in a text that would mislead a reader, and the reason's key. */
    public record Suspect(String written, String errorKey) {}

    public String toSafeHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        Node doc = PARSER.parse(markdown);
        List<Link> refused = new ArrayList<>();
        doc.accept(
                new AbstractVisitor() {
                    @Override
                    public void visit(Link link) {
                        Optional<String> safe = safeDestination(link.getDestination());
                        if (safe.isPresent()) {
                            link.setDestination(safe.get());
                        } else {
                            refused.add(link);
                        }
                        visitChildren(link);
                    }
                });
        // a text saved before the check: its misleading link stays as words, without the link
        for (Link link : refused) {
            Node child = link.getFirstChild();
            while (child != null) {
                Node next = child.getNext();
                link.insertBefore(child);
                child = next;
            }
            link.unlink();
        }
        relevel(doc);
        return POLICY.sanitize(renderer.render(doc));
    }

    /**
     * The text sits below the page's h1: its headings start at h2 and never skip a level (a skip is
     * an error for the Nu Html Checker and confuses screen-reader navigation). Levels keep their
     * order: the n-th distinct level the author used becomes h(n+1), but never deeper than one
     * below the heading before it.
     */
    static void relevel(Node document) {
        List<Heading> headings = new ArrayList<>();
        document.accept(
                new AbstractVisitor() {
                    @Override
                    public void visit(Heading heading) {
                        headings.add(heading);
                    }
                });
        List<Integer> used = headings.stream().map(Heading::getLevel).distinct().sorted().toList();
        int previous = 1;
        for (Heading h : headings) {
            int level = Math.min(Math.min(2 + used.indexOf(h.getLevel()), previous + 1), 6);
            h.setLevel(level);
            previous = level;
        }
    }

    /**
     * The addresses (linked or written out) and link hosts of a text that mix scripts, hide
     * confusable letters or are no valid addresses, each once, in the order written.
     */
    public static List<Suspect> suspects(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return List.of();
        }
        Set<Suspect> out = new LinkedHashSet<>();
        PARSER.parse(markdown)
                .accept(
                        new AbstractVisitor() {
                            @Override
                            public void visit(Link link) {
                                String d = link.getDestination();
                                if (safeDestination(d).isEmpty()) {
                                    out.add(new Suspect(shown(d), reason(d)));
                                }
                                visitChildren(link);
                            }

                            @Override
                            public void visit(Text text) {
                                words(text.getLiteral());
                            }

                            @Override
                            public void visit(Code code) {
                                words(code.getLiteral());
                            }

                            private void words(String literal) {
                                Matcher m = ADDRESS_IN_TEXT.matcher(literal);
                                while (m.find()) {
                                    String reason =
                                            spoofReason(EmailAddress.check(m.group()).errorKey());
                                    if (reason != null) {
                                        out.add(new Suspect(m.group(), reason));
                                    }
                                }
                            }
                        });
        return List.copyOf(out);
    }

    /**
     * The link target as it is sent: mailto addresses and web hosts in their ASCII form; empty when
     * it would mislead (a mixed-script or confusable domain, an invalid mail address).
     */
    static Optional<String> safeDestination(String destination) {
        if (destination == null) {
            return Optional.empty();
        }
        String d = destination.strip();
        String lower = d.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mailto:")) {
            String rest = d.substring("mailto:".length());
            int q = rest.indexOf('?');
            String address = decode(q < 0 ? rest : rest.substring(0, q));
            EmailAddress.Check c = EmailAddress.check(address);
            return c.valid()
                    ? Optional.of(
                            "mailto:" + c.address().ascii() + (q < 0 ? "" : rest.substring(q)))
                    : Optional.empty();
        }
        int scheme = lower.startsWith("https://") ? 8 : lower.startsWith("http://") ? 7 : -1;
        if (scheme < 0) {
            // relative links, anchors; other schemes the sanitiser removes
            return Optional.of(d);
        }
        int end = scheme;
        while (end < d.length() && "/?#".indexOf(d.charAt(end)) < 0) {
            end++;
        }
        String authority = d.substring(scheme, end);
        String userInfo = "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userInfo = authority.substring(0, at + 1);
            authority = authority.substring(at + 1);
        }
        String port = "";
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.startsWith("[")) {
            port = authority.substring(colon);
            authority = authority.substring(0, colon);
        }
        String host = decode(authority);
        if (host.chars().allMatch(ch -> ch < 0x80)
                && !host.toLowerCase(Locale.ROOT).contains("xn--")) {
            return Optional.of(d);
        }
        MailDomain.Check c = MailDomain.check(host);
        return c.valid()
                ? Optional.of(
                        d.substring(0, scheme)
                                + userInfo
                                + c.domain().ascii()
                                + port
                                + d.substring(end))
                : Optional.empty();
    }

    private static String reason(String destination) {
        String d = destination.strip();
        if (d.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
            String rest = d.substring("mailto:".length());
            int q = rest.indexOf('?');
            String key = EmailAddress.check(decode(q < 0 ? rest : rest.substring(0, q))).errorKey();
            return key == null ? EmailAddress.INVALID : key;
        }
        Matcher host = HOST.matcher(d);
        String key = host.find() ? MailDomain.check(decode(host.group(1))).errorKey() : null;
        return key == null ? MailDomain.INVALID : key;
    }

    private static String spoofReason(String errorKey) {
        return MailDomain.MIXED_SCRIPTS.equals(errorKey) || MailDomain.CONFUSABLE.equals(errorKey)
                ? errorKey
                : null;
    }

    /** What the organiser wrote, for the message: the address of a mailto link. */
    private static String shown(String destination) {
        String d = destination.strip();
        if (d.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
            String rest = d.substring("mailto:".length());
            int q = rest.indexOf('?');
            return decode(q < 0 ? rest : rest.substring(0, q));
        }
        return d;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(
                    s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
