-- After the deadline: the hand-over to the addressee (kind HANDOVER) and the addressee's answer (kind ANSWER), one
-- of each per appeal. mailed_at is set once the signers who asked were mailed, so recording again mails nobody.
CREATE TABLE appeal_outcome (
    appeal_id    BIGINT        NOT NULL,
    kind         VARCHAR(16)   NOT NULL,
    happened_on  DATE          NOT NULL,
    recipient    VARCHAR(300)  NULL,
    note         VARCHAR(4000) NOT NULL,
    file_name    VARCHAR(200)  NULL,
    content_type VARCHAR(100)  NULL,
    file_size    INT           NULL,
    content      LONGBLOB      NULL,
    file_public  BOOLEAN       NOT NULL DEFAULT FALSE,
    recorded_by  VARCHAR(254)  NOT NULL,
    recorded_at  DATETIME(6)   NOT NULL,
    updated_at   DATETIME(6)   NOT NULL,
    mailed_at    DATETIME(6)   NULL,
    PRIMARY KEY (appeal_id, kind),
    CONSTRAINT fk_appeal_outcome_appeal FOREIGN KEY (appeal_id) REFERENCES appeal (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
