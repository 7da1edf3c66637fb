package de.mitzeichnen.web;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The {@code Content-Disposition} header of a download whose name a person chose (an uploaded
 * file): {@code filename*=UTF-8''…} carries the name with all its letters (RFC 6266, RFC 8187),
 * {@code filename="…"} an ASCII stand-in for old clients. A header is sent as Latin-1, so the name
 * written there as it is came out as "?.pdf" for an emoji.
 */
public final class ContentDisposition {

    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private ContentDisposition() {}

    /** {@code type} is "attachment" or "inline". */
    public static String of(String type, String fileName) {
        return type
                + "; filename=\""
                + asciiFallback(fileName)
                + "\"; filename*=UTF-8''"
                + encoded(fileName);
    }

    static String asciiFallback(String name) {
        // Ü -> U, é -> e: the letters without their marks; whatever is left outside printable ASCII
        // (and the quote and backslash) becomes '_'
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder();
        plain.codePoints()
                .forEach(
                        c ->
                                out.append(
                                        c >= 0x20 && c < 0x7F && c != '"' && c != '\\'
                                                ? (char) c
                                                : '_'));
        return out.toString();
    }

    static String encoded(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || ATTR_CHARS.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
