-- What organisers did to signatures, and why (verify, reject, restore).
CREATE TABLE signature_event (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    signature_id BIGINT       NOT NULL,
    appeal_id    BIGINT       NOT NULL,
    action       VARCHAR(20)  NOT NULL,
    reason       VARCHAR(500) NOT NULL,
    actor        VARCHAR(254) NOT NULL,
    at           DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_signature_event_signature (signature_id),
    CONSTRAINT fk_signature_event_signature FOREIGN KEY (signature_id) REFERENCES signature (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Paging the moderation list newest first, with and without a status filter, stays an index range scan.
CREATE INDEX ix_signature_appeal_id ON signature (appeal_id, id);
CREATE INDEX ix_signature_appeal_status_id ON signature (appeal_id, status, id);
-- Searching by the start of a name stays a range scan.
CREATE INDEX ix_signature_appeal_name ON signature (appeal_id, name);
