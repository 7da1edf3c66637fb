package de.mitzeichnen.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.multipart.CompletedFileUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

/**
 * An optional scan or file sent with a console form (a reply's evidence, the hand-over's photo or
 * letter): at most 10 MB, of a few harmless types.
 */
public final class Uploads {

    public static final int MAX_BYTES = 10 * 1024 * 1024;

    /** What browsers may show inline without risk; anything else is offered as a download only. */
    private static final Set<String> TYPES =
            Set.of(
                    "application/pdf",
                    "image/jpeg",
                    "image/png",
                    "image/gif",
                    "image/webp",
                    "text/plain",
                    "message/rfc822");

    private Uploads() {}

    /**
     * Whether the form came with a file at all (browsers send an empty part for an empty file
     * field).
     */
    public static boolean present(@Nullable CompletedFileUpload file) {
        return file != null
                && file.getFilename() != null
                && !file.getFilename().isBlank()
                && file.getSize() > 0;
    }

    public static boolean tooLarge(CompletedFileUpload file) {
        return file.getSize() > MAX_BYTES;
    }

    /** An uploaded file: its name made safe for a download header, its type and its bytes. */
    public record Part(String name, String contentType, byte[] content) {}

    /**
     * The file as {@link #read} takes it, for features that keep their evidence in tables of their
     * own (an alliance membership's council decision).
     */
    public static Part part(CompletedFileUpload file) {
        UploadedFile f = read(file);
        return new Part(f.name(), f.contentType(), f.content());
    }

    public static UploadedFile read(CompletedFileUpload file) {
        try {
            String name = file.getFilename().replaceAll("[\\\\/\\p{Cntrl}\"]", "_");
            if (name.length() > 200) {
                name = name.substring(name.length() - 200);
            }
            return new UploadedFile(
                    name,
                    type(name, file.getContentType().map(Object::toString).orElse("")),
                    file.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The type by the browser's word where it is one of the known, else by the file's ending. */
    static String type(String name, String declared) {
        String d = declared.toLowerCase(Locale.ROOT);
        if (TYPES.contains(d)) {
            return d;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".pdf")) {
            return "application/pdf";
        } else if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        } else if (n.endsWith(".png")) {
            return "image/png";
        } else if (n.endsWith(".txt")) {
            return "text/plain";
        } else if (n.endsWith(".eml")) {
            return "message/rfc822";
        }
        return "application/octet-stream";
    }
}
