package de.mitzeichnen.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checker finds errors and passes valid pages, so a browser test's "0 errors" means something.
 */
class HtmlValidityTest {

    @Test
    void validPagePassesAndAnInvalidOneIsReported() {
        assertEquals(
                List.of(),
                HtmlValidity.errors(
                        "<!DOCTYPE html><html lang=\"de\"><head><title>T</title></head>"
                                + "<body><main><h1>Titel</h1><p>Text</p></main></body></html>"));
        List<String> errors =
                HtmlValidity.errors(
                        "<!DOCTYPE html><html lang=\"de\"><head><title>T</title></head>"
                                + "<body><ul><p>nicht erlaubt</p></ul><a href=\"x\" href=\"y\">x</a>"
                                + "<div id=\"a\"></div><div id=\"a\"></div></body></html>");
        assertTrue(errors.size() >= 3, String.valueOf(errors));
    }
}
