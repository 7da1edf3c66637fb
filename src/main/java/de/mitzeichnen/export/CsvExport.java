package de.mitzeichnen.export;

import de.mitzeichnen.web.Texts;
import jakarta.inject.Singleton;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV for spreadsheets: UTF-8 with BOM (so Excel reads umlauts), RFC 4180 quoting, ',' or ';'
 * (German Excel), and every cell that a spreadsheet would run as a formula is neutralised with a
 * leading apostrophe.
 */
@Singleton
class CsvExport {

    private final ExportQuery query;
    private final Texts texts;

    CsvExport(ExportQuery query, Texts texts) {
        this.query = query;
        this.texts = texts;
    }

    long write(long appealId, ExportFilter filter, char separator, Locale locale, OutputStream out)
            throws IOException {
        BufferedWriter writer =
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        writer.write('\uFEFF');
        CSVFormat format =
                CSVFormat.RFC4180
                        .builder()
                        .setDelimiter(separator)
                        .setQuoteMode(QuoteMode.MINIMAL)
                        .setRecordSeparator("\r\n")
                        .get();
        CSVPrinter csv = new CSVPrinter(writer, format);
        csv.printRecord(Columns.headings(texts, locale));
        long rows;
        try {
            rows =
                    query.stream(
                            appealId,
                            filter,
                            locale,
                            row -> {
                                try {
                                    csv.printRecord(
                                            safe(row.municipality()),
                                            safe(row.ags()),
                                            safe(row.land()),
                                            safe(row.kreis()),
                                            row.population() == null
                                                    ? ""
                                                    : row.population().toString(),
                                            safe(row.name()),
                                            safe(row.role()),
                                            safe(row.body()),
                                            safe(row.email()),
                                            safe(Columns.trust(row, texts, locale)),
                                            row.confirmedAt() == null
                                                    ? ""
                                                    : Columns.CONFIRMED_AT.format(
                                                            row.confirmedAt()),
                                            Columns.textVersion(row));
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        csv.flush();
        return rows;
    }

    /** A cell starting with = + - @ or a tab/CR would be a formula to Excel or LibreOffice. */
    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char c = value.charAt(0);
        return (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r')
                ? "'" + value
                : value;
    }
}
