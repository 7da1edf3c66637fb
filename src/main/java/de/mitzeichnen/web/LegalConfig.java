package de.mitzeichnen.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.Arrays;
import java.util.List;

/**
 * The data of the generated privacy notice ({@code /datenschutz}) and imprint ({@code /impressum}),
 * from {@code mitzeichnen.legal.*} (MITZEICHNEN_PRIVACY_CONTROLLER, MITZEICHNEN_PRIVACY_CONTACT,
 * …). Purposes, recipients, retention and rights have a default text in the bundles that describes
 * what this service does; a configured text replaces it (one language for both, as the operator
 * writes it).
 */
@ConfigurationProperties("mitzeichnen.legal")
public class LegalConfig {

    private String controller = "";
    private String contact = "";
    private String dataProtectionOfficer = "";
    private String purposes = "";
    private String recipients = "";
    private String retention = "";
    private String supervisoryAuthority = "";
    private String imprintResponsible = "";

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }

    /**
     * Name and postal address of the controller (Verantwortliche:r), lines separated by "\n" or " |
     * ".
     */
    public String getController() {
        return controller;
    }

    public void setController(String controller) {
        this.controller = clean(controller);
    }

    public String getContact() {
        return contact;
    }

    public void setContact(String contact) {
        this.contact = clean(contact);
    }

    public String getDataProtectionOfficer() {
        return dataProtectionOfficer;
    }

    public void setDataProtectionOfficer(String dataProtectionOfficer) {
        this.dataProtectionOfficer = clean(dataProtectionOfficer);
    }

    public String getPurposes() {
        return purposes;
    }

    public void setPurposes(String purposes) {
        this.purposes = clean(purposes);
    }

    public String getRecipients() {
        return recipients;
    }

    public void setRecipients(String recipients) {
        this.recipients = clean(recipients);
    }

    public String getRetention() {
        return retention;
    }

    public void setRetention(String retention) {
        this.retention = clean(retention);
    }

    public String getSupervisoryAuthority() {
        return supervisoryAuthority;
    }

    public void setSupervisoryAuthority(String supervisoryAuthority) {
        this.supervisoryAuthority = clean(supervisoryAuthority);
    }

    /** Who is responsible for the content (imprint); the controller when empty. */
    public String getImprintResponsible() {
        return imprintResponsible;
    }

    public void setImprintResponsible(String imprintResponsible) {
        this.imprintResponsible = clean(imprintResponsible);
    }

    /** Enough for the generated pages: who is responsible and how to reach them. */
    public boolean complete() {
        return !controller.isEmpty() && !contact.isEmpty();
    }

    /** The controller's address as lines. */
    public List<String> controllerLines() {
        return Arrays.stream(controller.split("\\s*(\\n|\\|)\\s*"))
                .filter(l -> !l.isBlank())
                .toList();
    }
}
