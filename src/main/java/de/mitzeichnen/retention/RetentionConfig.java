package de.mitzeichnen.retention;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;

/**
 * How long signers' data are kept, from {@code mitzeichnen.retention.*} (README: {@code
 * MITZEICHNEN_RETENTION_DAYS}).
 */
@ConfigurationProperties("mitzeichnen.retention")
public class RetentionConfig {

    /** The limits an appeal's own choice must keep (and the default). */
    public static final int MIN_DAYS = 30;

    public static final int MAX_DAYS = 730;

    private int days = 180;
    private Duration warning = Duration.ofDays(14);
    private Duration ipHashes = Duration.ofDays(30);
    private Duration pendingGrace = Duration.ofHours(24);

    /**
     * Days after an appeal's deadline until its signatures are anonymised, unless the appeal says
     * otherwise.
     */
    public int getDays() {
        return days;
    }

    public void setDays(int days) {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw new ConfigurationException(
                    "mitzeichnen.retention.days (MITZEICHNEN_RETENTION_DAYS) must be between "
                            + MIN_DAYS
                            + " and "
                            + MAX_DAYS
                            + ", not "
                            + days);
        }
        this.days = days;
    }

    /** How long before the anonymisation the organiser is warned by mail. */
    public Duration getWarning() {
        return warning;
    }

    public void setWarning(Duration warning) {
        this.warning = warning;
    }

    /** After the deadline, the client address hashes of an appeal's signatures go. */
    public Duration getIpHashes() {
        return ipHashes;
    }

    public void setIpHashes(Duration ipHashes) {
        this.ipHashes = ipHashes;
    }

    /** Unconfirmed signatures are deleted this long after their link expired. */
    public Duration getPendingGrace() {
        return pendingGrace;
    }

    public void setPendingGrace(Duration pendingGrace) {
        this.pendingGrace = pendingGrace;
    }
}
