-- Whether the signer wants one mail about the hand-over and one about the addressee's answer (sign form box, off
-- by default).
ALTER TABLE signature ADD COLUMN outcome_mails BOOLEAN NOT NULL DEFAULT FALSE;

-- The evidence behind a signature an organiser recorded by hand (a reply by e-mail, letter, council resolution or
-- phone): the date it bears and, optionally, the scan or file. Owned by signing; only the organiser downloads it.
CREATE TABLE signature_evidence (
    signature_id  BIGINT       NOT NULL,
    appeal_id     BIGINT       NOT NULL,
    evidence_date DATE         NULL,
    file_name     VARCHAR(200) NULL,
    content_type  VARCHAR(100) NULL,
    file_size     INT          NULL,
    content       LONGBLOB     NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (signature_id),
    KEY ix_signature_evidence_appeal (appeal_id),
    CONSTRAINT fk_signature_evidence_signature FOREIGN KEY (signature_id) REFERENCES signature (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
