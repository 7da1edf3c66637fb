-- Personal invitations to sign, sent by the organiser; reminders until the invitee signs or opts out.
CREATE TABLE invitation (
    id                BIGINT       NOT NULL AUTO_INCREMENT,
    appeal_id         BIGINT       NOT NULL,
    name              VARCHAR(200) NOT NULL,
    email             VARCHAR(254) NOT NULL,
    email_key         VARCHAR(254) NOT NULL,
    role              VARCHAR(32)  NOT NULL,
    municipality_ags  CHAR(8)      NOT NULL,
    body              VARCHAR(200) NULL,
    language          CHAR(2)      NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    outbox_id         BIGINT       NULL,
    auto_reminders    INT          NOT NULL DEFAULT 0,
    reminders_sent    INT          NOT NULL DEFAULT 0,
    last_reminded_at  DATETIME(6)  NULL,
    opted_out_at      DATETIME(6)  NULL,
    signed_at         DATETIME(6)  NULL,
    created_by        VARCHAR(254) NOT NULL,
    created_at        DATETIME(6)  NOT NULL,
    updated_at        DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_invitation_appeal_email (appeal_id, email_key),
    CONSTRAINT fk_invitation_appeal FOREIGN KEY (appeal_id) REFERENCES appeal (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every link sent to an invitee (invitation and reminders) stays valid: one row per link, hashed.
CREATE TABLE invitation_token (
    token_hash    CHAR(64) NOT NULL,
    invitation_id BIGINT   NOT NULL,
    PRIMARY KEY (token_hash),
    CONSTRAINT fk_invitation_token FOREIGN KEY (invitation_id) REFERENCES invitation (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Days before the deadline on which invitees who have not signed are reminded automatically, e.g. '7,2'.
ALTER TABLE appeal ADD COLUMN reminder_days VARCHAR(20) NULL;
