-- Rate limits shared by all instances: Bucket4j's token buckets (MySQLSelectForUpdateBasedProxyManager), one row per
-- key; expires_at (epoch milliseconds) lets old full buckets be removed.
CREATE TABLE bucket (
    id         VARCHAR(255) NOT NULL,
    state      BLOB         NULL,
    expires_at BIGINT       NULL,
    PRIMARY KEY (id),
    KEY ix_bucket_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The trending view reads the submissions of the last hour of one appeal.
CREATE INDEX ix_signature_appeal_submitted ON signature (appeal_id, submitted_at);

-- The job deleting unconfirmed signatures whose link expired reads by status and expiry.
CREATE INDEX ix_signature_status_expiry ON signature (status, confirm_expires_at);

-- Retention (DSGVO) per appeal: the organiser's choice of days after the deadline (NULL: the configured default)
-- and what the retention job did when, so that each step happens once.
CREATE TABLE appeal_retention (
    appeal_id            BIGINT      NOT NULL,
    retention_days       INT         NULL,
    warned_at            DATETIME(6) NULL,
    anonymised_at        DATETIME(6) NULL,
    ip_hashes_erased_at  DATETIME(6) NULL,
    PRIMARY KEY (appeal_id),
    CONSTRAINT fk_appeal_retention_appeal FOREIGN KEY (appeal_id) REFERENCES appeal (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
