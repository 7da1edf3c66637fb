package de.mitzeichnen.signing;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Settings of the signing flow ({@code mitzeichnen.signing.*}). */
@ConfigurationProperties("mitzeichnen.signing")
public class SigningConfig {

    private Duration tokenValidity = Duration.ofDays(7);
    private int maxMailsPerSignature = 5;
    private String privacyVersion = "2025-11";

    public Duration getTokenValidity() {
        return tokenValidity;
    }

    public void setTokenValidity(Duration tokenValidity) {
        this.tokenValidity = tokenValidity;
    }

    public int getMaxMailsPerSignature() {
        return maxMailsPerSignature;
    }

    public void setMaxMailsPerSignature(int maxMailsPerSignature) {
        this.maxMailsPerSignature = maxMailsPerSignature;
    }

    /** The version of the privacy notice signers consent to; stored with every signature. */
    public String getPrivacyVersion() {
        return privacyVersion;
    }

    public void setPrivacyVersion(String privacyVersion) {
        this.privacyVersion = privacyVersion;
    }
}
