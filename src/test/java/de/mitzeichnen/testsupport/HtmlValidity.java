package de.mitzeichnen.testsupport;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import nu.validator.validation.SimpleDocumentValidator;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The Nu Html Checker (vnu, the W3C's HTML validator) in-process: the browser tests call {@link
 * #assertValid} wherever they run axe, so every page state they reach is valid HTML (0 errors;
 * warnings and infos are not failures, as with the checker's own exit code).
 */
public final class HtmlValidity {

    /** The checker's default schema for text/html: HTML plus RDFa Lite and ARIA. */
    static final String SCHEMA = "http://s.validator.nu/html5-rdfalite.rnc";

    private HtmlValidity() {}

    /** The checker's errors in {@code html}, one line each ("line:column message"). */
    public static synchronized List<String> errors(String html) {
        List<String> errors = new ArrayList<>();
        ErrorHandler collect =
                new ErrorHandler() {
                    @Override
                    public void warning(SAXParseException e) {}

                    @Override
                    public void error(SAXParseException e) {
                        errors.add(
                                e.getLineNumber()
                                        + ":"
                                        + e.getColumnNumber()
                                        + " "
                                        + e.getMessage());
                    }

                    @Override
                    public void fatalError(SAXParseException e) {
                        error(e);
                    }
                };
        try {
            // one validator per document: it keeps state of the document it last checked
            SimpleDocumentValidator validator = new SimpleDocumentValidator(true, false, false);
            validator.setUpMainSchema(SCHEMA, collect);
            validator.setUpValidatorAndParsers(collect, false, false);
            InputSource source = new InputSource(new StringReader(html));
            source.setEncoding("UTF-8");
            validator.checkHtmlInputSource(source);
        } catch (Exception e) {
            throw new IllegalStateException("The Nu Html Checker failed: " + e, e);
        }
        return errors;
    }

    /**
     * Fails with the checker's messages unless the page as the browser has it now (the document
     * after its scripts ran, with its doctype) has no errors.
     */
    public static void assertValid(WebDriver browser, String what) {
        String html =
                (String)
                        ((JavascriptExecutor) browser)
                                .executeScript(
                                        "var d = document.doctype;"
                                                + " return (d ? '<!DOCTYPE ' + d.name + '>\\n' : '')"
                                                + " + document.documentElement.outerHTML;");
        List<String> errors = errors(html);
        if (!errors.isEmpty()) {
            throw new AssertionError(
                    what
                            + " at "
                            + browser.getCurrentUrl()
                            + ": "
                            + errors.size()
                            + " HTML error(s) (Nu Html Checker):\n  "
                            + String.join("\n  ", errors));
        }
    }
}
