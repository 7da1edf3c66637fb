package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.SignerRole;
import io.micronaut.core.annotation.Nullable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The filters of the organiser's signature lists; every one optional. Unknown values are ignored
 * rather than failing.
 */
public record SignatureFilter(
        @Nullable SignatureStatus status,
        @Nullable Trust trust,
        @Nullable TrustFlag flag,
        @Nullable String landCode,
        @Nullable SignerRole role,
        @Nullable LocalDate from,
        @Nullable LocalDate to,
        @Nullable String query) {

    public static SignatureFilter none() {
        return new SignatureFilter(null, null, null, null, null, null, null, null);
    }

    public static SignatureFilter of(Map<String, String> p) {
        return new SignatureFilter(
                parse(SignatureStatus.class, p.get("status")),
                parse(Trust.class, p.get("trust")),
                parse(TrustFlag.class, p.get("flag")),
                p.get("land") != null && p.get("land").matches("\\d{2}") ? p.get("land") : null,
                SignerRole.parse(p.get("role")).orElse(null),
                date(p.get("from")),
                date(p.get("to")),
                p.get("q") == null || p.get("q").isBlank() ? null : p.get("q").strip());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalDate date(String v) {
        try {
            return v == null || v.isBlank() ? null : LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The SQL conditions (on signature s and municipality m) and their parameters, after {@code
     * appeal_id = ?}.
     */
    String where(List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (status != null) {
            sql.append(" AND s.status = ?");
            params.add(status.name());
        } else {
            sql.append(" AND s.status NOT IN ('WITHDRAWN', 'ANONYMISED')");
        }
        if (trust != null) {
            sql.append(" AND s.trust = ?");
            params.add(trust.name());
        }
        if (flag != null) {
            sql.append(" AND s.trust_flag = ?");
            params.add(flag.name());
        }
        if (landCode != null) {
            sql.append(" AND m.land_code = ?");
            params.add(landCode);
        }
        if (role != null) {
            sql.append(" AND s.role = ?");
            params.add(role.name());
        }
        if (from != null) {
            sql.append(" AND s.submitted_at >= ?");
            params.add(from + " 00:00:00");
        }
        if (to != null) {
            sql.append(" AND s.submitted_at < ?");
            params.add(to.plusDays(1) + " 00:00:00");
        }
        if (query != null) {
            String like = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            // Each alternative can use an index: (appeal_id, name), (appeal_id, email_key), the
            // municipality's name.
            sql.append(
                    " AND (s.name LIKE ? OR s.email_key LIKE ? OR s.municipality_ags IN"
                            + " (SELECT x.ags FROM municipality x WHERE x.display_name LIKE ? OR x.ags = ?))");
            params.add(like);
            params.add(like.toLowerCase());
            params.add(like);
            params.add(query);
        }
        return sql.toString();
    }

    /** The filter as query parameters, for links (paging, export). */
    public List<String> asParams() {
        List<String> out = new ArrayList<>();
        if (status != null) out.add("status=" + status.name());
        if (trust != null) out.add("trust=" + trust.name());
        if (flag != null) out.add("flag=" + flag.name());
        if (landCode != null) out.add("land=" + landCode);
        if (role != null) out.add("role=" + role.name());
        if (from != null) out.add("from=" + from);
        if (to != null) out.add("to=" + to);
        if (query != null) out.add("q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        return out;
    }
}
