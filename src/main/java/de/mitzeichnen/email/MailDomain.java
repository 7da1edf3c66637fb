package de.mitzeichnen.email;

import com.ibm.icu.text.IDNA;
import com.ibm.icu.text.SpoofChecker;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A mail domain in the one form the code base compares and sends: lower-case ASCII (punycode) after
 * the UTS #46 mapping of IDNA 2008, so that "ℭ", fullwidth "ｎ" or "Ü" become what they look like
 * ("c", "n", "ü" → "xn--…"). A domain whose labels mix scripts, contain invisible or confusable
 * characters (UTS #39) or that cannot be encoded is refused with the reason's message key.
 *
 * @param ascii the ASCII form, e.g. "xn--mnchen-3ya.de"
 * @param unicode the same domain for people to read, e.g. "münchen.de"
 */
public record MailDomain(String ascii, String unicode) {

    private static final IDNA UTS46 =
            IDNA.getUTS46Instance(
                    IDNA.NONTRANSITIONAL_TO_ASCII
                            | IDNA.NONTRANSITIONAL_TO_UNICODE
                            | IDNA.CHECK_BIDI
                            | IDNA.CHECK_CONTEXTJ
                            | IDNA.CHECK_CONTEXTO
                            | IDNA.USE_STD3_RULES);
    private static final SpoofChecker SPOOF =
            new SpoofChecker.Builder()
                    .setChecks(
                            SpoofChecker.RESTRICTION_LEVEL
                                    | SpoofChecker.INVISIBLE
                                    | SpoofChecker.MIXED_NUMBERS
                                    | SpoofChecker.HIDDEN_OVERLAY)
                    .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
                    .build();
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TLD = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");

    /** Message keys of the reasons a domain is refused. */
    public static final String INVALID = "email.error.domain.invalid";

    public static final String MIXED_SCRIPTS = "email.error.domain.mixedScripts";
    public static final String CONFUSABLE = "email.error.domain.confusable";

    /** The outcome of {@link #check(String)}: a domain, or the message key of why it is refused. */
    public record Check(MailDomain domain, String errorKey) {
        public boolean valid() {
            return domain != null;
        }
    }

    /**
     * A domain as typed ("Stadt-Müllheim.DE.", "@muenℭhen.de"): its normalised form or the reason
     * it is refused.
     */
    public static Check check(String raw) {
        if (raw == null) {
            return refused(INVALID);
        }
        String s = raw.strip();
        if (s.startsWith("@")) {
            s = s.substring(1);
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 253) {
            return refused(INVALID);
        }
        IDNA.Info info = new IDNA.Info();
        StringBuilder ascii = new StringBuilder();
        UTS46.nameToASCII(s, ascii, info);
        if (info.hasErrors() || ascii.length() > 253) {
            return refused(INVALID);
        }
        String a = ascii.toString().toLowerCase(Locale.ROOT);
        String[] labels = a.split("\\.", -1);
        if (labels.length < 2 || !TLD.matcher(labels[labels.length - 1]).matches()) {
            return refused(INVALID);
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return refused(INVALID);
            }
        }
        IDNA.Info back = new IDNA.Info();
        StringBuilder unicode = new StringBuilder();
        UTS46.nameToUnicode(a, unicode, back);
        if (back.hasErrors()) {
            return refused(INVALID);
        }
        String u = unicode.toString();
        for (String label : u.split("\\.")) {
            String problem = spoofProblem(label);
            if (problem != null) {
                return refused(problem);
            }
        }
        return new Check(new MailDomain(a, u), null);
    }

    /** Null for a harmless label; else the message key of what is wrong with it. */
    private static String spoofProblem(String label) {
        if (label.chars().allMatch(c -> c < 0x80)) {
            return null;
        }
        SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
        if (SPOOF.failsChecks(label, result)) {
            return (result.checks & SpoofChecker.RESTRICTION_LEVEL) != 0
                    ? MIXED_SCRIPTS
                    : CONFUSABLE;
        }
        // A label of one foreign script that looks like plain ASCII ("рау" in Cyrillic for "pay"),
        // UTS #39
        // whole-script confusables: its skeleton is all ASCII although it is not.
        String skeleton = SPOOF.getSkeleton(label);
        if (skeleton.chars().allMatch(c -> c < 0x80)) {
            return CONFUSABLE;
        }
        return null;
    }

    private static Check refused(String key) {
        return new Check(null, key);
    }

    /**
     * The characters outside ASCII in a text, each with its code point and Unicode name („а" U+0430
     * CYRILLIC SMALL LETTER A), so that a reader sees which letter of a look-alike is foreign;
     * empty when there are none.
     */
    public static String unusualCharacters(String text) {
        if (text == null) {
            return "";
        }
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        text.codePoints()
                .filter(cp -> cp >= 0x80)
                .forEach(
                        cp ->
                                out.add(
                                        "„"
                                                + new String(Character.toChars(cp))
                                                + "“ "
                                                + String.format(Locale.ROOT, "U+%04X ", cp)
                                                + com.ibm.icu.lang.UCharacter.getName(cp)));
        return String.join(", ", out);
    }
}
