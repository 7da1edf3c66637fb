package de.mitzeichnen.export;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.web.Formats;
import de.mitzeichnen.web.Texts;
import jakarta.inject.Singleton;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The hand-over document for the addressee: the appeal (title, addressee, text, date), then the supporting
 * municipalities by Land → municipality → officials with their role, totals per Land and overall, page numbers.
 * Names appear only where the appeal allows publishing names and the signer agreed.
 */
@Singleton
class PdfExport {

    private static final Font TITLE = new Font(Font.HELVETICA, 18, Font.BOLD);
    private static final Font H2 = new Font(Font.HELVETICA, 13, Font.BOLD);
    private static final Font TEXT = new Font(Font.HELVETICA, 10);
    private static final Font SMALL = new Font(Font.HELVETICA, 8);
    private static final Font BOLD = new Font(Font.HELVETICA, 10, Font.BOLD);

    private final ExportQuery query;
    private final Texts texts;
    private final Clock clock;

    PdfExport(ExportQuery query, Texts texts, Clock clock) {
        this.query = query;
        this.texts = texts;
        this.clock = clock;
    }

    long write(Appeal appeal, Organiser organiser, ExportFilter filter, Locale locale, OutputStream out)
            throws IOException {
        Formats fmt = new Formats(locale, clock, texts);
        Document doc = new Document(PageSize.A4, 56, 56, 56, 64);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            writer.setPageEvent(new PageNumbers(texts, locale));
            doc.addTitle(appeal.title());
            doc.addCreator("Mitzeichnen");
            doc.open();
            doc.add(new Paragraph(appeal.title(), TITLE));
            doc.add(new Paragraph(appeal.addressee(), BOLD));
            doc.add(new Paragraph(texts.get(locale, "export.pdf.by", organiser.name(), fmt.date(clock.instant())), TEXT));
            doc.add(Chunk.NEWLINE);
            String body = TextContentRenderer.builder().build().render(Parser.builder().build().parse(appeal.bodyMarkdown()));
            for (String para : body.split("\n\\s*\n")) {
                Paragraph p = new Paragraph(para.strip(), TEXT);
                p.setSpacingAfter(4);
                doc.add(p);
            }
            doc.newPage();
            doc.add(new Paragraph(texts.get(locale, "export.pdf.supporters"), TITLE));

            Groups groups = new Groups(doc, fmt, locale, appeal.publishNames());
            long rows = query.stream(appeal.id(), filter, locale, groups::accept);
            groups.finish();
            doc.add(Chunk.NEWLINE);
            doc.add(new Paragraph(texts.get(locale, "export.pdf.totalCounts",
                    texts.plural(locale, "plural.municipalities", groups.totalMunicipalities),
                    texts.plural(locale, "plural.inhabitants", groups.totalPopulation),
                    texts.plural(locale, "plural.signatures", rows)), H2));
            doc.close();
            return rows;
        } catch (DocumentException e) {
            throw new IOException(e);
        }
    }

    /** Writes the rows, which arrive ordered by Land and municipality, as nested groups with subtotals. */
    private final class Groups {
        private final Document doc;
        private final Formats fmt;
        private final Locale locale;
        private final boolean namesAllowed;
        private String land;
        private String municipality;
        private final List<String> officials = new ArrayList<>();
        private long landMunicipalities;
        private long landPopulation;
        long totalMunicipalities;
        long totalPopulation;
        private Integer population;

        Groups(Document doc, Formats fmt, Locale locale, boolean namesAllowed) {
            this.doc = doc;
            this.fmt = fmt;
            this.locale = locale;
            this.namesAllowed = namesAllowed;
        }

        void accept(ExportRow row) {
            String key = row.municipality() + "|" + row.ags();
            if (!Objects.equals(row.land(), land)) {
                flushMunicipality();
                flushLand();
                land = row.land();
                add(new Paragraph(land.isEmpty() ? texts.get(locale, "export.pdf.abroad") : land, H2));
            }
            if (!key.equals(municipality)) {
                flushMunicipality();
                municipality = key;
                population = row.population();
                landMunicipalities++;
                totalMunicipalities++;
                if (row.population() != null) {
                    landPopulation += row.population();
                    totalPopulation += row.population();
                }
            }
            String who = namesAllowed && row.publicName() && row.name() != null ? row.name() + ", " + row.role() : row.role();
            officials.add(row.body() == null ? who : who + " (" + row.body() + ")");
        }

        private void flushMunicipality() {
            if (municipality == null) {
                return;
            }
            String name = municipality.substring(0, municipality.indexOf('|'));
            Paragraph p = new Paragraph();
            p.add(new Chunk(name, BOLD));
            if (population != null) {
                p.add(new Chunk("  " + texts.plural(locale, "plural.inhabitants", population), SMALL));
            }
            p.setSpacingBefore(4);
            add(p);
            for (String o : officials) {
                Paragraph line = new Paragraph("– " + o, TEXT);
                line.setIndentationLeft(14);
                add(line);
            }
            officials.clear();
            municipality = null;
        }

        private void flushLand() {
            if (land == null) {
                return;
            }
            Paragraph sum = new Paragraph(texts.get(locale, "export.pdf.landTotalCounts",
                    land.isEmpty() ? texts.get(locale, "export.pdf.abroad") : land,
                    texts.plural(locale, "plural.municipalities", landMunicipalities),
                    texts.plural(locale, "plural.inhabitants", landPopulation)), BOLD);
            sum.setSpacingBefore(6);
            sum.setSpacingAfter(10);
            add(sum);
            landMunicipalities = 0;
            landPopulation = 0;
        }

        void finish() {
            flushMunicipality();
            flushLand();
        }

        private void add(Element e) {
            try {
                doc.add(e);
            } catch (DocumentException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** "Seite 3" at the foot of every page. */
    private static final class PageNumbers extends PdfPageEventHelper {
        private final Texts texts;
        private final Locale locale;

        PageNumbers(Texts texts, Locale locale) {
            this.texts = texts;
            this.locale = locale;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
                    new Phrase(texts.get(locale, "export.pdf.page", writer.getPageNumber()), SMALL),
                    (document.left() + document.right()) / 2, document.bottom() - 24, 0);
        }
    }
}
