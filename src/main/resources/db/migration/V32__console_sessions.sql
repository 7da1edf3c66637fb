-- Every console session is recorded, so that a platform admin sees an account's open sessions and can end them,
-- and so that a session ends for good when its row is gone (logout, an admin ending it, a password change,
-- disabling). The session cookie still carries the signed token; the row is checked on every request.
CREATE TABLE console_session (
    -- SHA-256 (hex) of the session id in the token: the table alone cannot be turned into a session.
    id           CHAR(64)     NOT NULL,
    account_id   BIGINT       NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    -- moved on at most once a minute, when the token is re-issued
    last_seen_at DATETIME(6)  NOT NULL,
    ip_hash      VARCHAR(64)  NULL,
    user_agent   VARCHAR(200) NULL,
    PRIMARY KEY (id),
    KEY ix_console_session_account (account_id, last_seen_at),
    KEY ix_console_session_seen (last_seen_at),
    CONSTRAINT fk_console_session_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A logout now deletes the session's row.
DROP TABLE session_revocation;
