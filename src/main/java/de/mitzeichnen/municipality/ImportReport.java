package de.mitzeichnen.municipality;

import java.util.List;

/** What every register import reports: its line errors; a file with any error changed nothing. */
public interface ImportReport {

    /** The first errors (the list is capped); {@link #errorCount()} counts all of them. */
    List<LineError> errors();

    int errorCount();

    default boolean ok() {
        return errors().isEmpty();
    }
}
