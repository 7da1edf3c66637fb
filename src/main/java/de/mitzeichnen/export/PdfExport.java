package de.mitzeichnen.export;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.organiser.Organiser;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;

/**
 * The hand-over document for the addressee as a PDF: the appeal (title, addressee, text as its page
 * shows it, date), then the supporting municipalities by Land with their officials, totals per Land
 * and overall, „Seite x von y". Built from the same template as the print view in the console.
 */
@Singleton
class PdfExport {

    private final Handover handover;
    private final HandoverDocument document;

    PdfExport(Handover handover, HandoverDocument document) {
        this.handover = handover;
        this.document = document;
    }

    long write(
            Appeal appeal,
            Organiser organiser,
            ExportFilter filter,
            Locale locale,
            OutputStream out)
            throws IOException {
        Handover.Content content = handover.content(appeal, organiser, filter, locale);
        document.pdf(locale, content.model(), out);
        return content.rows();
    }

    /** The same document as an HTML page for printing from the browser. */
    String html(
            Appeal appeal,
            Organiser organiser,
            ExportFilter filter,
            Locale locale,
            Map<String, Object> links) {
        Handover.Content content = handover.content(appeal, organiser, filter, locale);
        content.model().putAll(links);
        return document.html(locale, content.model(), false);
    }
}
