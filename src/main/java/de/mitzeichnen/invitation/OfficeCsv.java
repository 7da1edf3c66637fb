package de.mitzeichnen.invitation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

/**
 * Reads a list as offices export it: UTF-8 (with or without BOM) or Windows-1252, separated by
 * {@code ;} or {@code ,} (whichever the first line uses more), RFC 4180 quoting — or the first
 * sheet of an Excel workbook (XLSX), cell by cell as Excel shows it (dates as 2019-06-14, numbers
 * without a trailing „.0"). Shared by the invitation, the reply and the alliance member imports.
 */
public final class OfficeCsv {

    /** More rows than any import takes: reading stops here (each import says „too many"). */
    static final int MAX_SHEET_ROWS = 20_000;

    private static final Pattern DATE_FORMAT = Pattern.compile("(?i)[dmy]");

    private OfficeCsv() {}

    /** The records of a file, or the message key of why it cannot be read. */
    public record Read(List<CSVRecord> records, String problem) {}

    public static Read read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new Read(List.of(), "invitation.csv.empty");
        }
        if (ReadableWorkbook.isOLE2Header(bytes)) {
            return new Read(List.of(), "invitation.csv.xls");
        }
        if (ReadableWorkbook.isOOXMLZipHeader(bytes)) {
            return xlsx(bytes);
        }
        String text = decode(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String firstLine = text.lines().findFirst().orElse("");
        char separator = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
        return parse(text, separator);
    }

    private static Read parse(String text, char separator) {
        CSVFormat format =
                CSVFormat.RFC4180
                        .builder()
                        .setDelimiter(separator)
                        .setIgnoreEmptyLines(true)
                        .setTrim(true)
                        .get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            return new Read(parser.getRecords(), null);
        } catch (IOException | IllegalStateException | UncheckedIOException e) {
            return new Read(List.of(), "invitation.csv.malformed");
        }
    }

    /**
     * The first sheet, written out as CSV and read back: the imports see records exactly as from a
     * CSV file, and the reader streams the sheet (a large or hostile workbook is cut off after
     * {@value #MAX_SHEET_ROWS} rows).
     */
    private static Read xlsx(byte[] bytes) {
        StringBuilder csv = new StringBuilder();
        try (ReadableWorkbook book =
                        new ReadableWorkbook(
                                new ByteArrayInputStream(bytes), new ReadingOptions(true, false));
                Stream<Row> rows = book.getFirstSheet().openStream();
                CSVPrinter out = new CSVPrinter(csv, CSVFormat.RFC4180)) {
            Iterator<Row> it = rows.iterator();
            int n = 0;
            while (it.hasNext() && n++ < MAX_SHEET_ROWS) {
                Row row = it.next();
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getCellCount(); i++) {
                    cells.add(text(row.getCell(i)));
                }
                if (cells.stream().anyMatch(c -> !c.isBlank())) {
                    out.printRecord(cells);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a workbook after all, or one with broken parts (damaged or crafted)
            return new Read(List.of(), "invitation.csv.xlsx");
        }
        return parse(csv.toString(), ',');
    }

    /** A cell as Excel shows it: text as it is, dates as ISO dates, whole numbers without „.0". */
    static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return "";
        }
        if (cell.getType() == CellType.NUMBER) {
            if (isDate(cell)) {
                return cell.asDate().toLocalDate().toString();
            }
            BigDecimal n = cell.asNumber();
            return n.stripTrailingZeros().scale() <= 0
                    ? n.toBigInteger().toString()
                    : n.stripTrailingZeros().toPlainString();
        }
        String raw = cell.getRawValue() != null ? cell.getRawValue() : cell.getText();
        if (cell.getType() == CellType.STRING) {
            raw = cell.asString();
        }
        return raw == null ? "" : raw.strip();
    }

    private static boolean isDate(Cell cell) {
        Integer id = cell.getDataFormatId();
        if (id != null && ((id >= 14 && id <= 22) || (id >= 45 && id <= 47))) {
            return true;
        }
        String format = cell.getDataFormatString();
        if (format == null || format.isBlank() || "General".equalsIgnoreCase(format)) {
            return false;
        }
        // the format's letters outside quotes and brackets ([Red], "Stk.") decide
        String bare = format.replaceAll("\"[^\"]*\"|\\[[^]]*]", "").toLowerCase(Locale.ROOT);
        return DATE_FORMAT.matcher(bare).find() && !bare.contains("0");
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }

    /** UTF-8 if the bytes are valid UTF-8, else Windows-1252 (what Excel on Windows writes). */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }
}
