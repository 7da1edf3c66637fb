package de.mitzeichnen.invitation;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.web.Texts;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the role words offices write in their lists — „Bürgermeisterin", „Oberbürgermeister/in",
 * „OB", „Erste/r Bürgermeister/in", „Stadtrat/Stadträtin", „Bürgermeister:in", „Landrat" — as a
 * {@link SignerRole}. Words are compared folded: lower case, umlauts as ae/oe/ue, gender markers
 * and feminine endings removed.
 */
public final class RoleWords {

    /** „/in", „/-in", „*in", „:in", „_in", „(in)", „/r", „(r)" … after a word. */
    private static final Pattern GENDER_MARK =
            Pattern.compile("(?:[/*:_·]-?|\\()(?:in|innen|r|e|n)\\)?(?=\\s|$|/)");

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private static final Map<String, SignerRole> WORDS =
            Map.ofEntries(
                    Map.entry("oberbuergermeister", SignerRole.LORD_MAYOR),
                    Map.entry("ob", SignerRole.LORD_MAYOR),
                    Map.entry("lord mayor", SignerRole.LORD_MAYOR),
                    Map.entry("buergermeister", SignerRole.MAYOR),
                    Map.entry("erste buergermeister", SignerRole.MAYOR),
                    Map.entry("bgm", SignerRole.MAYOR),
                    Map.entry("mayor", SignerRole.MAYOR),
                    Map.entry("zweite buergermeister", SignerRole.DEPUTY_MAYOR),
                    Map.entry("dritte buergermeister", SignerRole.DEPUTY_MAYOR),
                    Map.entry("stellvertretende buergermeister", SignerRole.DEPUTY_MAYOR),
                    Map.entry("stellv. buergermeister", SignerRole.DEPUTY_MAYOR),
                    Map.entry("deputy mayor", SignerRole.DEPUTY_MAYOR),
                    Map.entry("beigeordnete", SignerRole.DEZERNENT),
                    Map.entry("erste beigeordnete", SignerRole.DEZERNENT),
                    Map.entry("dezernent", SignerRole.DEZERNENT),
                    Map.entry("referent", SignerRole.DEZERNENT),
                    Map.entry("berufsmaessige stadtrat", SignerRole.DEZERNENT),
                    Map.entry("stadtrat", SignerRole.COUNCILLOR),
                    Map.entry("gemeinderat", SignerRole.COUNCILLOR),
                    Map.entry("ratsmitglied", SignerRole.COUNCILLOR),
                    Map.entry("ratsherr", SignerRole.COUNCILLOR),
                    Map.entry("ratsfrau", SignerRole.COUNCILLOR),
                    Map.entry("stadtratsmitglied", SignerRole.COUNCILLOR),
                    Map.entry("gemeinderatsmitglied", SignerRole.COUNCILLOR),
                    Map.entry("stadtverordnete", SignerRole.COUNCILLOR),
                    Map.entry("gemeindevertreter", SignerRole.COUNCILLOR),
                    Map.entry("councillor", SignerRole.COUNCILLOR),
                    Map.entry("bezirksausschuss", SignerRole.DISTRICT_COMMITTEE),
                    Map.entry("mitglied bezirksausschuss", SignerRole.DISTRICT_COMMITTEE),
                    Map.entry("mitglied des bezirksausschusses", SignerRole.DISTRICT_COMMITTEE),
                    Map.entry("bezirksausschussmitglied", SignerRole.DISTRICT_COMMITTEE),
                    Map.entry("ortsbeirat", SignerRole.DISTRICT_COMMITTEE),
                    Map.entry("mitglied ortsbeirat", SignerRole.DISTRICT_COMMITTEE),
                    Map.entry("ortsbeiratsmitglied", SignerRole.DISTRICT_COMMITTEE),
                    Map.entry("bezirksverordnete", SignerRole.DISTRICT_COMMITTEE),
                    Map.entry("landrat", SignerRole.DISTRICT_ADMINISTRATOR),
                    Map.entry("district administrator", SignerRole.DISTRICT_ADMINISTRATOR),
                    Map.entry("kreisrat", SignerRole.DISTRICT_COUNCILLOR),
                    Map.entry("kreistagsmitglied", SignerRole.DISTRICT_COUNCILLOR),
                    Map.entry("mitglied des kreistags", SignerRole.DISTRICT_COUNCILLOR),
                    Map.entry("mitglied kreistag", SignerRole.DISTRICT_COUNCILLOR),
                    Map.entry("kreistagsabgeordnete", SignerRole.DISTRICT_COUNCILLOR),
                    Map.entry("district councillor", SignerRole.DISTRICT_COUNCILLOR));

    private RoleWords() {}

    /**
     * A role as a list writes it: its code ({@code MAYOR}), one of the usual words, or its label in
     * German or English.
     */
    public static Optional<SignerRole> read(String value, Texts texts) {
        Optional<SignerRole> byCode = SignerRole.parse(value.toUpperCase(Locale.ROOT));
        if (byCode.isPresent()) {
            return byCode;
        }
        Optional<SignerRole> byWord = parse(value);
        if (byWord.isPresent()) {
            return byWord;
        }
        for (SignerRole r : SignerRole.values()) {
            for (Locale l : List.of(Locale.GERMAN, Locale.ENGLISH)) {
                if (texts.get(l, r.messageKey()).equalsIgnoreCase(value)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    public static Optional<SignerRole> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String folded = fold(value);
        Optional<SignerRole> whole = lookup(folded);
        if (whole.isPresent() || !folded.contains("/")) {
            return whole;
        }
        // „Stadtrat/Stadträtin", „Stadtrat/-rätin": the first spelling decides, the others must
        // agree or be a
        // feminine ending of it.
        String[] parts = folded.split("\\s*/\\s*");
        Optional<SignerRole> first = lookup(parts[0]);
        if (first.isEmpty()) {
            return first;
        }
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].replaceFirst("^-", "");
            if (!lookup(part).equals(first)
                    && !(!part.isEmpty()
                            && !part.contains(" ")
                            && parts[0].endsWith(feminineToBase(part)))) {
                return Optional.empty();
            }
        }
        return first;
    }

    private static Optional<SignerRole> lookup(String folded) {
        StringBuilder base = new StringBuilder();
        for (String word : folded.split(" ")) {
            if (!base.isEmpty()) {
                base.append(' ');
            }
            base.append(feminineToBase(word));
        }
        return Optional.ofNullable(WORDS.get(base.toString()));
    }

    /** Lower case, umlauts folded, gender markers removed, blanks collapsed. */
    static String fold(String value) {
        String s =
                Normalizer.normalize(value, Normalizer.Form.NFC)
                        .toLowerCase(Locale.GERMAN)
                        .strip()
                        .replace("ä", "ae")
                        .replace("ö", "oe")
                        .replace("ü", "ue")
                        .replace("ß", "ss");
        s = SPACES.matcher(s).replaceAll(" ");
        s = GENDER_MARK.matcher(s).replaceAll("");
        return s.replace(" / ", "/").strip();
    }

    /**
     * „buergermeisterin" → „buergermeister", „stadtraetin"/„stadtraet" → „stadtrat", „erster" →
     * „erste".
     */
    private static String feminineToBase(String word) {
        if (word.endsWith("raetin")) {
            return word.substring(0, word.length() - 6) + "rat";
        }
        if (word.endsWith("raet")) {
            return word.substring(0, word.length() - 4) + "rat";
        }
        if (word.endsWith("ordneter") || word.endsWith("ordnete")) {
            return word.substring(0, word.indexOf("ordnete")) + "ordnete";
        }
        if (word.endsWith("verordneter")) {
            return word.substring(0, word.length() - 1);
        }
        if (word.equals("erster")
                || word.equals("zweiter")
                || word.equals("dritter")
                || word.equals("stellvertretender")
                || word.equals("berufsmaessiger")) {
            return word.substring(0, word.length() - 1);
        }
        if (word.endsWith("in")
                && word.length() > 5
                && (word.endsWith("meisterin")
                        || word.endsWith("entin")
                        || word.endsWith("vertreterin"))) {
            return word.substring(0, word.length() - 2);
        }
        return word;
    }
}
