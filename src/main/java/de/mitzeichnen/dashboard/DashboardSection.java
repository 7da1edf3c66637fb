package de.mitzeichnen.dashboard;

import de.mitzeichnen.appeal.Appeal;
import java.util.Locale;
import java.util.Optional;

/**
 * A part another feature adds to an appeal's dashboard (an alliance's members and how far each has
 * come), with a template fragment of its own. The features above dashboard implement it, so that
 * dashboard imports none of them.
 */
public interface DashboardSection {

    /** This feature's section for the appeal, or empty when it has nothing to show there. */
    Optional<Section> section(Appeal appeal, Locale locale);

    /**
     * A fragment to insert ({@code template :: fragment}) with its model, which the fragment reads
     * as {@code section}.
     */
    record Section(String template, String fragment, Object model) {}
}
