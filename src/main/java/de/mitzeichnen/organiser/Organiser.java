package de.mitzeichnen.organiser;

import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.util.Locale;

/**
 * An organisation that publishes appeals. {@code municipalityAgs} is set when it is a municipality
 * or Kreis.
 */
@MappedEntity("organiser")
public record Organiser(
        @Id @GeneratedValue @Nullable Long id,
        String name,
        OrganiserKind kind,
        @Nullable String municipalityAgs,
        String contactEmail,
        @Nullable String website,
        @Utc Instant createdAt,
        @Utc Instant updatedAt,
        @Version @Nullable Long version,
        @Nullable String nameGenitive) {

    /**
     * The name with its article in the genitive, for „Ein Aufruf der Stadt Frankfurt am Main": the
     * stored form when the organisation has one, else derived from the name's first word or the
     * kind; for names that cannot be declined safely (associations) „von …".
     */
    public String genitive() {
        if (nameGenitive != null && !nameGenitive.isBlank()) {
            return nameGenitive.strip();
        }
        return derivedGenitive(name, kind);
    }

    /**
     * Who an appeal is by, for „Ein Aufruf …" / "An appeal by …" in every language's wording: the
     * genitive in German, the plain name elsewhere. The page, the hand-over PDF and its print view
     * all say it this way.
     */
    public String by(Locale locale) {
        return "de".equals(locale.getLanguage()) ? genitive() : name;
    }

    static String derivedGenitive(String name, OrganiserKind kind) {
        String n = name.strip();
        String first = n.contains(" ") ? n.substring(0, n.indexOf(' ')) : n;
        String rest = n.substring(first.length());
        return switch (first) {
            case "Stadt",
                    "Gemeinde",
                    "Hansestadt",
                    "Landeshauptstadt",
                    "Kreisstadt",
                    "Universitätsstadt",
                    "Samtgemeinde",
                    "Verbandsgemeinde",
                    "Region",
                    "Städteregion" ->
                    "der " + n;
            case "Landkreis" -> "des Landkreises" + rest;
            case "Kreis" -> "des Kreises" + rest;
            case "Markt" -> "des Marktes" + rest;
            case "Amt" -> "des Amtes" + rest;
            case "Bezirk" -> "des Bezirks" + rest;
            default ->
                    switch (kind) {
                        case CITY -> "der Stadt " + n;
                        case DISTRICT ->
                                n.endsWith("kreis") || n.endsWith("Kreis")
                                        ? "des " + n + "es"
                                        : "des Landkreises " + n;
                        case ASSOCIATION -> "von " + n;
                    };
        };
    }
}
