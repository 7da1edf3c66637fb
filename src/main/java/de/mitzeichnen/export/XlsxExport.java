package de.mitzeichnen.export;

import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.web.Texts;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A real spreadsheet, written row by row (fastexcel streams the sheet XML, flushing as it goes).
 */
@Singleton
class XlsxExport {

    private static final double[] WIDTHS = {28, 11, 22, 28, 12, 28, 34, 24, 32, 26, 20, 14};

    private final ExportQuery query;
    private final Texts texts;

    XlsxExport(ExportQuery query, Texts texts) {
        this.query = query;
        this.texts = texts;
    }

    long write(
            long appealId, String sheetName, ExportFilter filter, Locale locale, OutputStream out)
            throws IOException {
        Workbook workbook = new Workbook(out, "Mitzeichnen", "1.0");
        Worksheet sheet =
                workbook.newWorksheet(
                        sheetName.length() > 31 ? sheetName.substring(0, 31) : sheetName);
        List<String> headings = Columns.headings(texts, locale);
        for (int c = 0; c < headings.size(); c++) {
            sheet.value(0, c, headings.get(c));
            sheet.width(c, WIDTHS[c]);
        }
        sheet.range(0, 0, 0, headings.size() - 1).style().bold().fillColor("DDE6F0").set();
        sheet.freezePane(0, 1);
        long[] r = {0};
        try {
            query.stream(
                    appealId,
                    filter,
                    locale,
                    row -> {
                        int i = (int) ++r[0];
                        sheet.value(i, 0, row.municipality());
                        sheet.value(i, 1, row.ags());
                        sheet.value(i, 2, row.land());
                        sheet.value(i, 3, row.kreis());
                        if (row.population() != null) {
                            sheet.value(i, 4, row.population());
                        }
                        // a person's own cells inline: in the shared strings table, which stays in
                        // memory until the end, a million names and addresses overran a 256 MB heap
                        inline(sheet, i, 5, row.name());
                        sheet.value(i, 6, row.role());
                        inline(sheet, i, 7, row.body());
                        inline(sheet, i, 8, row.email());
                        sheet.value(i, 9, Columns.trust(row, texts, locale));
                        if (row.confirmedAt() != null) {
                            sheet.value(
                                    i,
                                    10,
                                    LocalDateTime.ofInstant(
                                            row.confirmedAt(), MitzeichnenConfig.ZONE));
                            sheet.style(i, 10).format("dd.mm.yyyy hh:mm:ss").set();
                        }
                        sheet.value(i, 11, Columns.textVersion(row));
                        if (i % 1000 == 0) {
                            try {
                                sheet.flush();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        sheet.finish();
        workbook.finish();
        return r[0];
    }

    private static void inline(Worksheet sheet, int row, int column, String value) {
        if (value != null) {
            sheet.inlineString(row, column, value);
        }
    }
}
