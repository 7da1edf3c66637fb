package de.mitzeichnen.transparency;

import de.mitzeichnen.appeal.Appeal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Marks beside some supporters of an appeal on its supporters page — e.g. „Mitglied" for the
 * current members of the alliance that runs it. Implemented by the feature that knows (alliance),
 * so transparency imports none of them.
 */
public interface SupporterMarks {

    /** The places to mark on this appeal's page, or empty. */
    Optional<Marked> marked(Appeal appeal, Locale locale);

    /**
     * The places to mark (by {@link PublicSupport.Place#key()}), the mark's word, and a sentence
     * saying what it means.
     */
    record Marked(String mark, String legend, Set<String> keys) {}
}
