package de.mitzeichnen.export;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.Organisers;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an appeal's signatures in one of the export formats; returns the number of signatures
 * written.
 */
@Singleton
public class Exports {

    private final CsvExport csv;
    private final XlsxExport xlsx;
    private final PdfExport pdf;
    private final Organisers organisers;

    Exports(CsvExport csv, XlsxExport xlsx, PdfExport pdf, Organisers organisers) {
        this.csv = csv;
        this.xlsx = xlsx;
        this.pdf = pdf;
        this.organisers = organisers;
    }

    public long write(
            Appeal appeal,
            ExportFormat format,
            ExportFilter filter,
            char csvSeparator,
            Locale locale,
            OutputStream out)
            throws IOException {
        return switch (format) {
            case CSV -> csv.write(appeal.id(), filter, csvSeparator, locale, out);
            case XLSX -> xlsx.write(appeal.id(), appeal.slug(), filter, locale, out);
            case PDF -> {
                Organiser organiser = organisers.current(appeal.organiserId()).orElseThrow();
                yield pdf.write(appeal, organiser, filter, locale, out);
            }
        };
    }

    /**
     * The hand-over document as an HTML page for printing in the browser, with links back to {@code
     * backUrl} and to the PDF at {@code pdfUrl}.
     */
    public String handoverPage(
            Appeal appeal, ExportFilter filter, Locale locale, String backUrl, String pdfUrl) {
        Organiser organiser = organisers.current(appeal.organiserId()).orElseThrow();
        return pdf.html(
                appeal, organiser, filter, locale, Map.of("back", backUrl, "pdfLink", pdfUrl));
    }

    /** A file name like {@code migration-als-chance-unterschriften.csv}. */
    public static String fileName(Appeal appeal, ExportFormat format, Locale locale) {
        String word = locale.getLanguage().equals("en") ? "signatures" : "unterschriften";
        return appeal.slug() + "-" + word + "." + format.extension();
    }
}
