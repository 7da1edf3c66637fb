-- Submissions a rate limit held back, per appeal and client address hash (signing owns it). Only a bounded number
-- of one address's held submissions are stored as signatures per window (stored since window_start); the rest are
-- only counted (dropped, since the organiser last decided on that address), so one client cannot fill the database.
CREATE TABLE held_address (
    appeal_id    BIGINT      NOT NULL,
    ip_hash      CHAR(64)    NOT NULL,
    window_start DATETIME(6) NOT NULL,
    stored       INT         NOT NULL,
    dropped      BIGINT      NOT NULL,
    last_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (appeal_id, ip_hash),
    CONSTRAINT fk_held_address_appeal FOREIGN KEY (appeal_id) REFERENCES appeal (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The „Auffällig" view groups the held submissions of an appeal by client address.
CREATE INDEX ix_signature_appeal_status_ip ON signature (appeal_id, status, ip_hash);
