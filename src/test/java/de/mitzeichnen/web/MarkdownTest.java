package de.mitzeichnen.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    private final Markdown markdown = new Markdown();

    @Test
    void headingsStartBelowThePageTitleAndSkipNoLevel() {
        assertEquals(
                "<h2>A</h2>\n<h3>B</h3>\n<h2>C</h2>\n<h3>D</h3>\n<h4>E</h4>\n",
                markdown.toSafeHtml("# A\n\n### B\n\n# C\n\n#### D\n\n###### E"));
        // a deeper heading first still follows the h1 directly
        assertEquals("<h2>A</h2>\n<h2>B</h2>\n", markdown.toSafeHtml("#### A\n\n## B"));
    }

    @Test
    void keepsFormattingListsHeadingsAndSafeLinks() {
        String html =
                markdown.toSafeHtml(
                        "### Wir fordern:\n\n- **fett** und *kursiv*\n- [Stadt](https://stadt.example)"
                                + "\n\n[Mail](mailto:a@b.example)\n\n---\n\n> Zitat");
        // the text sits below the page's h1: its first heading level becomes h2
        assertTrue(html.contains("<h2>Wir fordern:</h2>"), html);
        assertTrue(html.contains("<strong>fett</strong>"));
        assertTrue(html.contains("<em>kursiv</em>"));
        assertTrue(html.contains("href=\"https://stadt.example\""), html);
        assertTrue(
                html.contains("href=\"mailto:a&#64;b.example\"")
                        || html.contains("href=\"mailto:a@b.example\""),
                html);
        assertTrue(html.contains("<hr />") || html.contains("<hr>"), html);
        assertTrue(html.contains("<blockquote>"));
    }

    @Test
    void removesScriptsEventHandlersAndJavascriptLinks() {
        String html =
                markdown.toSafeHtml(
                        "Hallo <script>alert('x')</script>\n\n"
                                + "<img src=x onerror=alert(1)> <a href=\"#\" onclick=\"alert(2)\">klick</a>\n\n"
                                + "[böse](javascript:alert(3)) <a href=\"JaVaScRiPt:alert(4)\">auch</a>\n\n"
                                + "<iframe src=\"https://evil.example\"></iframe><style>body{}</style>");
        String lower = html.toLowerCase();
        assertFalse(lower.contains("<script"), html);
        assertFalse(lower.contains("alert('x')"), html);
        assertFalse(lower.contains("onerror"), html);
        assertFalse(lower.contains("onclick"), html);
        assertFalse(lower.contains("javascript:"), html);
        assertFalse(lower.contains("<iframe"), html);
        assertFalse(lower.contains("<style"), html);
        assertTrue(html.contains("klick"));
    }

    @Test
    void emptyTextRendersAsNothing() {
        assertEquals("", markdown.toSafeHtml(null));
        assertEquals("", markdown.toSafeHtml("  "));
    }
}
