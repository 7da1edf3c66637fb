-- Signatures of officials for their municipality (double opt-in). Personal data are erased on withdrawal;
-- what the count history needs (appeal, municipality, role, status, times) stays.
CREATE TABLE signature (
    id                      BIGINT       NOT NULL AUTO_INCREMENT,
    appeal_id               BIGINT       NOT NULL,
    status                  VARCHAR(16)  NOT NULL,
    email                   VARCHAR(254) NULL,
    -- lower-cased address with an ASCII (punycode) domain; NULL once withdrawn, so the address may sign anew
    email_key               VARCHAR(254) NULL,
    name                    VARCHAR(200) NULL,
    role                    VARCHAR(32)  NOT NULL,
    role_other              VARCHAR(100) NULL,
    body                    VARCHAR(200) NULL,
    municipality_ags        CHAR(8)      NULL,
    gebietsstand            DATE         NULL,
    foreign_municipality_id BIGINT       NULL,
    public_name             BOOLEAN      NOT NULL DEFAULT FALSE,
    privacy_version         VARCHAR(20)  NOT NULL,
    privacy_consent_at      DATETIME(6)  NOT NULL,
    language                CHAR(2)      NOT NULL,
    appeal_text_hash        CHAR(64)     NOT NULL,
    ip_hash                 CHAR(64)     NULL,
    trust                   VARCHAR(24)  NULL,
    trust_flag              VARCHAR(24)  NULL,
    confirm_token_hash      CHAR(64)     NULL,
    confirm_expires_at      DATETIME(6)  NULL,
    withdraw_token_hash     CHAR(64)     NULL,
    mails_sent              INT          NOT NULL DEFAULT 0,
    submitted_at            DATETIME(6)  NOT NULL,
    confirmed_at            DATETIME(6)  NULL,
    withdrawn_at            DATETIME(6)  NULL,
    created_at              DATETIME(6)  NOT NULL,
    updated_at              DATETIME(6)  NOT NULL,
    version                 BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_signature_appeal_email (appeal_id, email_key),
    UNIQUE KEY uk_signature_confirm_token (confirm_token_hash),
    UNIQUE KEY uk_signature_withdraw_token (withdraw_token_hash),
    KEY ix_signature_appeal_status (appeal_id, status, municipality_ags),
    CONSTRAINT fk_signature_appeal FOREIGN KEY (appeal_id) REFERENCES appeal (id),
    CONSTRAINT fk_signature_foreign FOREIGN KEY (foreign_municipality_id) REFERENCES foreign_municipality (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Random keys the application creates once and shares between its instances (e.g. for keyed IP hashes).
CREATE TABLE server_key (
    name       VARCHAR(50)  NOT NULL,
    secret     VARCHAR(200) NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
