package de.mitzeichnen.export;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PDFCreationListener;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import io.micronaut.views.ViewsConfiguration;
import io.micronaut.views.thymeleaf.MessageSourceMessageResolver;
import io.micronaut.views.thymeleaf.ThymeleafViewsRendererConfiguration;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.Document;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the hand-over template {@code templates/export/handover.html}: as HTML for the print view
 * in the browser, and laid out by openhtmltopdf as a tagged PDF (PDF/UA) with the DejaVu fonts
 * shipped in {@code fonts/} embedded, so every character is shown in the same face and the file is
 * readable by screen readers.
 *
 * <p>Its own Thymeleaf engine (like the mails'): the views engine is tied to requests and page
 * layouts.
 */
@Singleton
class HandoverDocument {

    private static final String TEMPLATE = "export/handover";
    private static final String FAMILY = "DejaVu Sans";

    private final TemplateEngine engine;

    HandoverDocument(
            ViewsConfiguration views,
            ThymeleafViewsRendererConfiguration thymeleaf,
            MessageSourceMessageResolver messages) {
        ClassLoaderTemplateResolver resolver =
                new ClassLoaderTemplateResolver(HandoverDocument.class.getClassLoader());
        resolver.setPrefix(views.getFolder().replaceAll("^/+|/+$", "") + "/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding(thymeleaf.getCharacterEncoding());
        resolver.setCacheable(thymeleaf.getCacheable());
        resolver.setCheckExistence(true);
        // openhtmltopdf reports every font load and layout step at INFO; warnings are what matter.
        XRLog.listRegisteredLoggers().forEach(name -> XRLog.setLevel(name, Level.WARNING));
        engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.addMessageResolver(messages);
    }

    /** The document as an HTML page; {@code pdf} leaves out the browser's navigation. */
    String html(Locale locale, Map<String, Object> model, boolean pdf) {
        Context context = new Context(locale, model);
        context.setVariable("pdf", pdf);
        return engine.process(TEMPLATE, context);
    }

    void pdf(Locale locale, Map<String, Object> model, OutputStream out) throws IOException {
        String html = html(locale, model, true);
        PdfRendererBuilder builder = new PdfRendererBuilder().useFastMode();
        builder.usePdfUaAccessibility(true);
        builder.useFont(
                () -> font("DejaVuSans.ttf"),
                FAMILY,
                400,
                BaseRendererBuilder.FontStyle.NORMAL,
                true);
        builder.useFont(
                () -> font("DejaVuSans-Bold.ttf"),
                FAMILY,
                700,
                BaseRendererBuilder.FontStyle.NORMAL,
                true);
        builder.useFont(
                () -> font("DejaVuSans-Oblique.ttf"),
                FAMILY,
                400,
                BaseRendererBuilder.FontStyle.ITALIC,
                true);
        builder.useFont(
                () -> font("DejaVuSans-BoldOblique.ttf"),
                FAMILY,
                700,
                BaseRendererBuilder.FontStyle.ITALIC,
                true);
        Document dom = Jsoup.parse(html);
        // PDF/UA wants every link to say where it goes.
        Map<String, String> descriptions = new HashMap<>();
        dom.select("a[href]:not([title])")
                .forEach(a -> a.attr("title", a.text() + " – " + a.attr("href")));
        dom.select("a[href]")
                .forEach(a -> descriptions.putIfAbsent(a.attr("href"), a.attr("title")));
        builder.withW3cDocument(new W3CDom().fromJsoup(dom), "/");
        builder.toStream(out);
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.setListener(new DescribedLinks(descriptions));
            renderer.createPDF();
        }
    }

    /**
     * Gives every link annotation its alternate description (/Contents, PDF/UA-1 7.18.5): the title
     * the link carries in the tags is not copied to the annotation by openhtmltopdf. Runs just
     * before the document is saved.
     */
    private record DescribedLinks(Map<String, String> descriptions) implements PDFCreationListener {

        @Override
        public void preOpen(PdfBoxRenderer renderer) {}

        @Override
        public void preWrite(PdfBoxRenderer renderer, int pageCount) {}

        @Override
        public void onClose(PdfBoxRenderer renderer) {
            try {
                for (PDPage page : renderer.getPdfDocument().getPages()) {
                    for (PDAnnotation annotation : page.getAnnotations()) {
                        if (annotation instanceof PDAnnotationLink link
                                && (link.getContents() == null || link.getContents().isBlank())) {
                            String uri =
                                    link.getAction() instanceof PDActionURI action
                                            ? action.getURI()
                                            : null;
                            String text = uri == null ? null : descriptions.get(uri);
                            link.setContents(
                                    text != null && !text.isBlank()
                                            ? text
                                            : uri != null ? uri : "Link");
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static InputStream font(String file) {
        InputStream in = HandoverDocument.class.getResourceAsStream("/fonts/" + file);
        if (in == null) {
            throw new UncheckedIOException(
                    new IOException("Font missing from the classpath: fonts/" + file));
        }
        return in;
    }
}
