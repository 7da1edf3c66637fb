-- Transactional outbox for all outgoing mail. A row is written in the same transaction as the business change
-- that causes the mail, and sent afterwards by MailDispatcher. Runs on MySQL 8 and MariaDB 10.11+ (SKIP LOCKED).
CREATE TABLE outbox_message (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    recipient       VARCHAR(254)  NOT NULL,
    from_name       VARCHAR(200)  NOT NULL,
    reply_to        VARCHAR(254)  NULL,
    subject         VARCHAR(500)  NOT NULL,
    text_body       MEDIUMTEXT    NOT NULL,
    html_body       MEDIUMTEXT    NOT NULL,
    -- extra headers as "Name: value" lines
    headers         TEXT          NOT NULL,
    kind            VARCHAR(64)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(6)   NOT NULL,
    last_error      TEXT          NULL,
    created_at      DATETIME(6)   NOT NULL,
    sent_at         DATETIME(6)   NULL,
    claimed_at      DATETIME(6)   NULL,
    message_id      VARCHAR(255)  NOT NULL,
    version         BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_outbox_message_message_id (message_id),
    KEY ix_outbox_message_status_next (status, next_attempt_at),
    KEY ix_outbox_message_recipient (recipient)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
