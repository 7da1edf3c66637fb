package de.mitzeichnen.accessibility;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the operator says in the accessibility statement ({@code /barrierefreiheit}, BITV 2.0 § 7)
 * and where its feedback goes, from {@code mitzeichnen.accessibility.*} (MITZEICHNEN_A11Y_…). Texts
 * left empty fall back to the shipped ones in the bundles, which describe this software as it is; a
 * configured text replaces them (one language for both, as the operator writes it), like the
 * privacy notice's {@code LegalConfig}.
 */
@ConfigurationProperties("mitzeichnen.accessibility")
public class AccessibilityConfig {

    static final Set<String> CONFORMANCE = Set.of("full", "partial", "none");

    /** When the shipped statement's assessment was made; the operator sets their own date. */
    static final String SHIPPED_CHECK = "2026-12-06";

    private String statementUrl = "";
    private String feedbackEmail = "";
    private String conformance = "partial";
    private String nonAccessible = "";
    private String checkedOn = SHIPPED_CHECK;
    private String method = "";
    private String arbitration = "";
    private String dgsVideoUrl = "";

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }

    /** The operator's own statement page; the footer links it instead of the generated one. */
    public String getStatementUrl() {
        return statementUrl;
    }

    public void setStatementUrl(String statementUrl) {
        this.statementUrl = clean(statementUrl);
    }

    /** Where feedback goes; the privacy contact when empty. */
    public String getFeedbackEmail() {
        return feedbackEmail;
    }

    public void setFeedbackEmail(String feedbackEmail) {
        this.feedbackEmail = clean(feedbackEmail);
    }

    /** full, partial or none: how far the site conforms to WCAG 2.1 AA (EN 301 549). */
    public String getConformance() {
        return conformance;
    }

    public void setConformance(String conformance) {
        String c = clean(conformance).toLowerCase(Locale.ROOT);
        if (c.isEmpty()) {
            c = "partial";
        }
        if (!CONFORMANCE.contains(c)) {
            throw new ConfigurationException(
                    "mitzeichnen.accessibility.conformance (MITZEICHNEN_A11Y_CONFORMANCE) must be"
                            + " full, partial or none, not "
                            + conformance);
        }
        this.conformance = c;
    }

    /** What is not accessible yet and why; replaces the shipped list. */
    public String getNonAccessible() {
        return nonAccessible;
    }

    public void setNonAccessible(String nonAccessible) {
        this.nonAccessible = clean(nonAccessible);
    }

    /** Date (YYYY-MM-DD) of the last assessment. */
    public String getCheckedOn() {
        return checkedOn;
    }

    public void setCheckedOn(String checkedOn) {
        String c = clean(checkedOn).isEmpty() ? SHIPPED_CHECK : clean(checkedOn);
        try {
            LocalDate.parse(c);
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(
                    "mitzeichnen.accessibility.checked-on (MITZEICHNEN_A11Y_CHECKED_ON) must be a"
                            + " date like 2026-12-06, not "
                            + checkedOn);
        }
        this.checkedOn = c;
    }

    public LocalDate checkedOnDate() {
        return LocalDate.parse(checkedOn);
    }

    /** How the assessment was made; replaces the shipped description. */
    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = clean(method);
    }

    /**
     * The arbitration body (Schlichtungsstelle) responsible for the operator, lines separated by
     * "\n" or " | "; the federal one when empty.
     */
    public String getArbitration() {
        return arbitration;
    }

    public void setArbitration(String arbitration) {
        this.arbitration = clean(arbitration);
    }

    public List<String> arbitrationLines() {
        return lines(arbitration);
    }

    /** Where the operator's video in German Sign Language lies (a video file's address). */
    public String getDgsVideoUrl() {
        return dgsVideoUrl;
    }

    public void setDgsVideoUrl(String dgsVideoUrl) {
        String url = clean(dgsVideoUrl);
        if (!url.isEmpty()
                && !url.matches("(?i)https?://[^\\s/]+(/\\S*)?")
                && !url.matches("/[^/\\s]\\S*")) {
            throw new ConfigurationException(
                    "mitzeichnen.accessibility.dgs-video-url (MITZEICHNEN_A11Y_DGS_VIDEO_URL) must be"
                            + " an http(s) address or a path on this server, not "
                            + dgsVideoUrl);
        }
        this.dgsVideoUrl = url;
    }

    public boolean hasDgsVideo() {
        return !dgsVideoUrl.isEmpty();
    }

    static List<String> lines(String text) {
        return Arrays.stream(text.split("\\s*(\\n|\\|)\\s*")).filter(l -> !l.isBlank()).toList();
    }
}
