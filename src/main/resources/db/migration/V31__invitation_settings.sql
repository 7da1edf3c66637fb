-- The reminder days belong to the invitation feature, which wrote them into appeal's table; now it owns its own.
CREATE TABLE invitation_settings (
    appeal_id     BIGINT      NOT NULL,
    reminder_days VARCHAR(20) NULL,
    PRIMARY KEY (appeal_id),
    CONSTRAINT fk_invitation_settings_appeal FOREIGN KEY (appeal_id) REFERENCES appeal (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO invitation_settings (appeal_id, reminder_days)
SELECT id, reminder_days FROM appeal WHERE reminder_days IS NOT NULL;

ALTER TABLE appeal DROP COLUMN reminder_days;
