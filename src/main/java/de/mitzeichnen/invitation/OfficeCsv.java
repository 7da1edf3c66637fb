package de.mitzeichnen.invitation;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a list as offices export it: UTF-8 (with or without BOM) or Windows-1252, separated by
 * {@code ;} or {@code ,} (whichever the first line uses more), RFC 4180 quoting. Shared by the
 * invitation and the reply imports.
 */
public final class OfficeCsv {

    private OfficeCsv() {}

    /** The records of a file, or the message key of why it cannot be read. */
    public record Read(List<CSVRecord> records, String problem) {}

    public static Read read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new Read(List.of(), "invitation.csv.empty");
        }
        String text = decode(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String firstLine = text.lines().findFirst().orElse("");
        char separator = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
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
