package de.mitzeichnen.transparency;

import de.mitzeichnen.web.Texts;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Searching, paging and grouping the supporters list, and the public labels of its fields. */
public final class SupporterRows {

    static final int PAGE_SIZE = 50;

    private SupporterRows() {}

    /** An office's public label: the role's name, or the text the signer gave for "other". */
    static String roleLabel(Texts texts, Locale locale, PublicSupport.Signatory s) {
        if ("OTHER".equals(s.role()) && s.roleOther() != null && !s.roleOther().isBlank()) {
            return s.roleOther();
        }
        return texts.get(locale, "role." + s.role());
    }

    /**
     * Places whose name, Land, AGS or public signatory name or office contains the query (umlauts
     * folded).
     */
    static List<PublicSupport.Place> search(
            List<PublicSupport.Place> places, String q, Texts texts, Locale locale) {
        if (q == null || q.isBlank()) {
            return places;
        }
        String needle = fold(q.trim());
        List<PublicSupport.Place> out = new ArrayList<>();
        for (PublicSupport.Place p : places) {
            StringBuilder hay =
                    new StringBuilder(p.name())
                            .append(' ')
                            .append(p.landName() == null ? "" : p.landName())
                            .append(' ')
                            .append(p.ags() == null ? "" : p.ags());
            for (PublicSupport.Signatory s : p.signatories()) {
                hay.append(' ').append(roleLabel(texts, locale, s));
                if (s.name() != null) {
                    hay.append(' ').append(s.name());
                }
            }
            if (fold(hay.toString()).contains(needle)) {
                out.add(p);
            }
        }
        return out;
    }

    static String fold(String s) {
        String lower =
                s.toLowerCase(Locale.GERMAN)
                        .replace("ß", "ss")
                        .replace("ä", "ae")
                        .replace("ö", "oe")
                        .replace("ü", "ue");
        return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    /** A Land (or "abroad") with its places on this page. */
    public record Group(String code, String name, List<PublicSupport.Place> places) {}

    static List<Group> group(List<PublicSupport.Place> places, String abroad) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (PublicSupport.Place p : places) {
            String code = p.landCode() == null ? "" : p.landCode();
            groups.computeIfAbsent(
                            code,
                            c ->
                                    new Group(
                                            c,
                                            p.landName() == null ? abroad : p.landName(),
                                            new ArrayList<>()))
                    .places()
                    .add(p);
        }
        return List.copyOf(groups.values());
    }

    /** Neutralises a cell a spreadsheet would read as a formula (OWASP CSV injection). */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }
}
