package de.mitzeichnen.export;

import io.micronaut.core.annotation.Nullable;

/**
 * Which signatures an export holds. By default the confirmed ones; "verified" narrows to those
 * whose address is proven beyond the confirmation mail (official domain, invitation, or checked by
 * the organiser).
 */
public record ExportFilter(boolean confirmedOnly, boolean verifiedOnly, @Nullable String landCode) {

    public static ExportFilter defaults() {
        return new ExportFilter(true, false, null);
    }

    /**
     * From request parameters: {@code status=all}, {@code verified=true}, {@code land=06}. Unknown
     * values fall back.
     */
    public static ExportFilter of(
            @Nullable String status, @Nullable String verified, @Nullable String land) {
        String l = land != null && land.matches("\\d{2}") ? land : null;
        return new ExportFilter(
                !"all".equals(status), "true".equals(verified) || "on".equals(verified), l);
    }

    /**
     * The query string that selects this filter again ({@code ?status=all&land=06}), empty for the
     * defaults.
     */
    public String query() {
        StringBuilder q = new StringBuilder();
        if (!confirmedOnly) {
            q.append("&status=all");
        }
        if (verifiedOnly) {
            q.append("&verified=true");
        }
        if (landCode != null) {
            q.append("&land=").append(landCode);
        }
        return q.isEmpty() ? "" : "?" + q.substring(1);
    }

    public String describe() {
        return (confirmedOnly ? "confirmed" : "all")
                + (verifiedOnly ? ",verified" : "")
                + (landCode != null ? ",land=" + landCode : "");
    }
}
