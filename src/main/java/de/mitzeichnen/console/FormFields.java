package de.mitzeichnen.console;

import io.micronaut.core.annotation.Nullable;

/** Reading form values the way every console form does. */
public final class FormFields {

    private FormFields() {}

    /** A whole number, or null when empty or not a number (the form then says what is wrong). */
    public static @Nullable Long parseLong(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The name of an uploaded file as shown on the page: without any folder, at most 100
     * characters.
     */
    public static String fileName(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return "upload.csv";
        }
        String name =
                raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1).strip();
        return name.length() > 100 ? name.substring(0, 100) : name;
    }
}
