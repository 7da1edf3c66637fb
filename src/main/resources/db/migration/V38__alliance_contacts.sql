-- Contact persons of an alliance's members, and the addresses that asked the alliance to mail them no more
-- (de.mitzeichnen.alliance owns both tables). Contacts are personal data: they are erased on request, after
-- mitzeichnen.retention.contacts without use, and with their alliance (ON DELETE CASCADE).
CREATE TABLE alliance_contact (
    id                      BIGINT        NOT NULL AUTO_INCREMENT,
    alliance_id             BIGINT        NOT NULL,
    -- the member's place, with the same columns as alliance_member (exactly one is set): contacts belong to the
    -- place, not to one membership, so they stay when a member leaves and joins again
    municipality_ags        CHAR(8)       NULL,
    district_ags            CHAR(5)       NULL,
    foreign_municipality_id BIGINT        NULL,
    name                    VARCHAR(200)  NOT NULL,
    -- a SignerRole code (the same words as signing and invitation lists)
    role                    VARCHAR(32)   NOT NULL,
    email                   VARCHAR(254)  NOT NULL,
    -- the normalised address (EmailAddress.key), compared byte by byte like invitation.email_key
    email_key               VARCHAR(254)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    -- e.g. „Bezirksausschuss 25 – Laim", „Sozialreferat"
    body                    VARCHAR(200)  NULL,
    note                    VARCHAR(1000) NULL,
    -- created, edited or invited: the retention of unused contacts counts from here
    last_used_at            DATETIME(6)   NOT NULL,
    created_at              DATETIME(6)   NOT NULL,
    updated_at              DATETIME(6)   NOT NULL,
    version                 BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_alliance_contact_email (alliance_id, email_key),
    KEY ix_alliance_contact_municipality (alliance_id, municipality_ags),
    KEY ix_alliance_contact_district (alliance_id, district_ags),
    KEY ix_alliance_contact_foreign (alliance_id, foreign_municipality_id),
    KEY ix_alliance_contact_used (last_used_at),
    CONSTRAINT fk_alliance_contact_alliance FOREIGN KEY (alliance_id) REFERENCES alliance (id) ON DELETE CASCADE,
    CONSTRAINT fk_alliance_contact_foreign FOREIGN KEY (foreign_municipality_id) REFERENCES foreign_municipality (id),
    CONSTRAINT ck_alliance_contact_one_place CHECK (
        (municipality_ags IS NOT NULL) + (district_ags IS NOT NULL) + (foreign_municipality_id IS NOT NULL) = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An address that unsubscribed from an alliance's mails: only SHA-256 of the alliance's id and the normalised
-- address is kept (no address, no name), so the objection outlives the contact's erasure and every later mail of the
-- alliance to that address is withheld.
CREATE TABLE alliance_unsubscribe (
    alliance_id     BIGINT      NOT NULL,
    address_hash    CHAR(64)    NOT NULL,
    unsubscribed_at DATETIME(6) NOT NULL,
    PRIMARY KEY (alliance_id, address_hash),
    CONSTRAINT fk_alliance_unsubscribe_alliance FOREIGN KEY (alliance_id) REFERENCES alliance (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Owned by de.mitzeichnen.invitation: when an invitee first opened the personal link (a hint only: mail gateways
-- that check links open them too), and the mailing list an invitation went out on (e.g. 'alliance:12' for an
-- alliance's contacts), whose unsubscribe link and do-not-mail list every mail of the invitation then follows.
ALTER TABLE invitation
    ADD COLUMN opened_at    DATETIME(6) NULL,
    ADD COLUMN mailing_list VARCHAR(64) NULL;
