package de.mitzeichnen.web;

import jakarta.inject.Singleton;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Renders appeal texts written in Markdown to HTML that is safe to show: CommonMark renders, the
 * OWASP sanitiser keeps only formatting, blocks, lists, tables and http(s)/mailto links (no script,
 * no event handlers, no javascript: URLs, no raw styles).
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

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().build();

    public String toSafeHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return POLICY.sanitize(renderer.render(parser.parse(markdown)));
    }
}
