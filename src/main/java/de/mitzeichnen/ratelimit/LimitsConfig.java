package de.mitzeichnen.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.Optional;

/**
 * The rate limits, from {@code mitzeichnen.limits.*} (README: {@code MITZEICHNEN_*_LIMIT}); each
 * {@code N/duration} or {@code off}. A value that does not parse stops the start with a message.
 */
@ConfigurationProperties("mitzeichnen.limits")
public class LimitsConfig {

    private String sign = "5/5m";
    private String signDomain = "50/1h";
    private String confirm = "30/1h";
    private String invite = "20/1d";
    private String reset = "5/1h";
    private String feedback = "5/1h";
    private String signOfficial = "100/5m";
    private String held = "20/1h";

    /**
     * Sign submissions per client address and appeal; beyond it they are held as suspected,
     * silently.
     */
    public String getSign() {
        return sign;
    }

    public Optional<Limit> signLimit() {
        return Limit.parse(sign);
    }

    public void setSign(String sign) {
        parse("sign", sign);
        this.sign = sign == null ? "off" : sign;
    }

    /**
     * Sign submissions per e-mail domain and appeal (any domain, official ones too); held like the
     * above.
     */
    public String getSignDomain() {
        return signDomain;
    }

    public Optional<Limit> signDomainLimit() {
        return Limit.parse(signDomain);
    }

    public void setSignDomain(String signDomain) {
        parse("sign-domain", signDomain);
        this.signDomain = signDomain == null ? "off" : signDomain;
    }

    /**
     * Sign submissions per client address and appeal whose e-mail domain is registered for the
     * place signed for: a town hall or a Land data centre sends many officials through one address.
     */
    public String getSignOfficial() {
        return signOfficial;
    }

    public Optional<Limit> signOfficialLimit() {
        return Limit.parse(signOfficial);
    }

    public void setSignOfficial(String signOfficial) {
        parse("sign-official", signOfficial);
        this.signOfficial = signOfficial == null ? "off" : signOfficial;
    }

    /**
     * Held submissions stored per client address and appeal in a window; beyond it they are only
     * counted. {@code off} stores every one.
     */
    public String getHeld() {
        return held;
    }

    public Optional<Limit> heldLimit() {
        return Limit.parse(held);
    }

    public void setHeld(String held) {
        parse("held", held);
        this.held = held == null ? "off" : held;
    }

    /** Confirmations (the button behind the mailed link) per client address. */
    public String getConfirm() {
        return confirm;
    }

    public Optional<Limit> confirmLimit() {
        return Limit.parse(confirm);
    }

    public void setConfirm(String confirm) {
        parse("confirm", confirm);
        this.confirm = confirm == null ? "off" : confirm;
    }

    /** Invitation sends (one uploaded list confirmed) per organiser. */
    public String getInvite() {
        return invite;
    }

    public Optional<Limit> inviteLimit() {
        return Limit.parse(invite);
    }

    public void setInvite(String invite) {
        parse("invite", invite);
        this.invite = invite == null ? "off" : invite;
    }

    /** Password-reset requests per e-mail address and, separately, per client address. */
    public String getReset() {
        return reset;
    }

    public Optional<Limit> resetLimit() {
        return Limit.parse(reset);
    }

    public void setReset(String reset) {
        parse("reset", reset);
        this.reset = reset == null ? "off" : reset;
    }

    /** Accessibility feedback messages per client address. */
    public String getFeedback() {
        return feedback;
    }

    public Optional<Limit> feedbackLimit() {
        return Limit.parse(feedback);
    }

    public void setFeedback(String feedback) {
        parse("feedback", feedback);
        this.feedback = feedback == null ? "off" : feedback;
    }

    private static Optional<Limit> parse(String name, String value) {
        try {
            return Limit.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("mitzeichnen.limits." + name + ": " + e.getMessage());
        }
    }
}
