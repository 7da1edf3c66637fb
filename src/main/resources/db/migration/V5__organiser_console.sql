-- The organiser console: accounts, login throttling, sessions, password resets, appeal versions, audit log.
-- Runs on MySQL 8 and MariaDB 10.11+. All instants are UTC in DATETIME(6).

CREATE TABLE account (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    email         VARCHAR(254) NOT NULL,
    display_name  VARCHAR(200) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    organiser_id  BIGINT       NULL,
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    -- Raised when the password changes: sessions issued before no longer count.
    session_epoch INT          NOT NULL DEFAULT 0,
    created_at    DATETIME(6)  NOT NULL,
    updated_at    DATETIME(6)  NOT NULL,
    last_login_at DATETIME(6)  NULL,
    version       BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_account_email (email),
    KEY ix_account_organiser (organiser_id),
    CONSTRAINT fk_account_organiser FOREIGN KEY (organiser_id) REFERENCES organiser (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Failed logins of the last minutes, shared by all instances; e-mail and address only as keyed hashes.
CREATE TABLE login_failure (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    at         DATETIME(6) NOT NULL,
    email_hash CHAR(64)    NOT NULL,
    ip_hash    CHAR(64)    NOT NULL,
    PRIMARY KEY (id),
    KEY ix_login_failure_email (email_hash, at),
    KEY ix_login_failure_ip (ip_hash, at),
    KEY ix_login_failure_at (at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Sessions ended by logout before their natural end (the session cookie itself is stateless).
CREATE TABLE session_revocation (
    session_hash CHAR(64)    NOT NULL,
    expires_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (session_hash),
    KEY ix_session_revocation_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE password_reset (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    account_id BIGINT      NOT NULL,
    token_hash CHAR(64)    NOT NULL,
    created_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    used_at    DATETIME(6) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_password_reset_token (token_hash),
    KEY ix_password_reset_account (account_id, created_at),
    CONSTRAINT fk_password_reset_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Secrets generated once and shared by all instances (e.g. the session signing key when none is configured).
CREATE TABLE app_secret (
    name       VARCHAR(64)  NOT NULL,
    secret     VARCHAR(200) NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every text an appeal has had; version 1 is the text it was created with.
CREATE TABLE appeal_version (
    id                    BIGINT        NOT NULL AUTO_INCREMENT,
    appeal_id             BIGINT        NOT NULL,
    version_no            INT           NOT NULL,
    title                 VARCHAR(200)  NOT NULL,
    addressee             VARCHAR(200)  NOT NULL,
    body_markdown         MEDIUMTEXT    NOT NULL,
    text_hash             CHAR(64)      NOT NULL,
    reason                VARCHAR(1000) NULL,
    created_at            DATETIME(6)   NOT NULL,
    created_by_account_id BIGINT        NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_appeal_version (appeal_id, version_no),
    CONSTRAINT fk_appeal_version_appeal FOREIGN KEY (appeal_id) REFERENCES appeal (id),
    CONSTRAINT fk_appeal_version_account FOREIGN KEY (created_by_account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Who did what. No foreign keys: the record outlives what it is about.
CREATE TABLE audit_entry (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    at           DATETIME(6)  NOT NULL,
    account_id   BIGINT       NULL,
    actor_email  VARCHAR(254) NOT NULL,
    action       VARCHAR(64)  NOT NULL,
    organiser_id BIGINT       NULL,
    appeal_id    BIGINT       NULL,
    details      TEXT         NULL,
    ip_hash      CHAR(64)     NULL,
    PRIMARY KEY (id),
    KEY ix_audit_organiser (organiser_id, id),
    KEY ix_audit_appeal (appeal_id, id),
    KEY ix_audit_at (at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
