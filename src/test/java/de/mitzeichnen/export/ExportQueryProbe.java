package de.mitzeichnen.export;

import io.micronaut.context.ApplicationContext;
import java.util.Locale;

/**
 * For the export benchmark: reads every row an export would write, mapping each, but writes no file
 * — the database's part of an export, the limit beside the CSV and XLSX figures.
 */
public final class ExportQueryProbe {

    private ExportQueryProbe() {}

    public static long readAll(ApplicationContext ctx, long appealId) {
        return ctx.getBean(ExportQuery.class).stream(
                appealId, ExportFilter.defaults(), Locale.GERMAN, row -> {});
    }
}
