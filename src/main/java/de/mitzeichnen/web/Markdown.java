package de.mitzeichnen.web;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
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
        Node document = parser.parse(markdown);
        relevel(document);
        return POLICY.sanitize(renderer.render(document));
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
}
