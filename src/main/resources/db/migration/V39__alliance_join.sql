-- Declarations of joining an alliance, sent through the public form „Beitritt erklären" (de.mitzeichnen.alliance owns
-- this table; JoinState and JoinTransition name its states and the allowed changes):
--
--   PENDING_CONFIRMATION --CONFIRM--> CONFIRMED       (address on the place's official mail domain)
--                        --CONFIRM--> AWAITING_CHECK  (any other address: free mail, unknown domain, abroad)
--   CONFIRMED, AWAITING_CHECK --ACCEPT--> ACCEPTED    (the membership is stored through Memberships: member_id)
--                             --DECLINE-> DECLINED    (with the organiser's reason)
--   PENDING_CONFIRMATION --EXPIRE--> (row deleted, a day after its link expired)
--   ACCEPTED, DECLINED --ERASE--> same state, personal data NULL and erased_at set (retention days after the decision)
--
-- Nothing of a declaration is public; only the membership an acceptance stores is. The place is stored like
-- alliance_member's (exactly one of a municipality with its Gebietsstand, a Landkreis, or a place abroad), except that a
-- place abroad is kept as typed (country, name): its foreign_municipality row is made only when the organiser accepts.
CREATE TABLE alliance_join (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    alliance_id        BIGINT        NOT NULL,
    state              VARCHAR(24)   NOT NULL,
    municipality_ags   CHAR(8)       NULL,
    gebietsstand       DATE          NULL,
    district_ags       CHAR(5)       NULL,
    foreign_country    CHAR(2)       NULL,
    foreign_name       VARCHAR(200)  NULL,
    -- signing's role words (appeal.SignerRole); role_other only for OTHER
    role               VARCHAR(40)   NOT NULL,
    role_other         VARCHAR(100)  NULL,
    -- personal data: NULL once erased
    name               VARCHAR(200)  NULL,
    email              VARCHAR(254)  NULL,
    email_key          VARCHAR(254)  NULL,
    -- how far the address speaks for the place (municipality.DomainTrust), judged when it is confirmed
    domain_trust       VARCHAR(24)   NULL,
    -- the basis: kind of decision, its date (the membership's first day) and an optional file number
    decision_kind      VARCHAR(100)  NOT NULL,
    decided_on         DATE          NOT NULL,
    decision_number    VARCHAR(100)  NULL,
    language           VARCHAR(5)    NOT NULL,
    privacy_version    VARCHAR(20)   NOT NULL,
    -- SHA-256 of the link's token (the token itself is only in the mail); kept after confirming, so that the link
    -- says „already confirmed", and erased with the personal data
    confirm_token_hash CHAR(64)      NULL,
    confirm_expires_at DATETIME(6)   NOT NULL,
    mails_sent         INT           NOT NULL DEFAULT 0,
    created_at         DATETIME(6)   NOT NULL,
    updated_at         DATETIME(6)   NOT NULL,
    confirmed_at       DATETIME(6)   NULL,
    decided_at         DATETIME(6)   NULL,
    decided_by         BIGINT        NULL,
    -- how the organiser checked a declaration from an address off the official domain (signing.VerificationMethod)
    check_method       VARCHAR(24)   NULL,
    decline_reason     VARCHAR(1000) NULL,
    member_id          BIGINT        NULL,
    erased_at          DATETIME(6)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_alliance_join_token (confirm_token_hash),
    KEY ix_alliance_join_alliance_state (alliance_id, state, confirmed_at),
    KEY ix_alliance_join_address (alliance_id, email_key),
    KEY ix_alliance_join_expiry (state, confirm_expires_at),
    KEY ix_alliance_join_decided (state, decided_at),
    CONSTRAINT fk_alliance_join_alliance FOREIGN KEY (alliance_id) REFERENCES alliance (id),
    CONSTRAINT fk_alliance_join_member FOREIGN KEY (member_id) REFERENCES alliance_member (id),
    CONSTRAINT ck_alliance_join_one_place CHECK (
        (municipality_ags IS NOT NULL) + (district_ags IS NOT NULL) + (foreign_name IS NOT NULL) = 1),
    CONSTRAINT ck_alliance_join_state CHECK (
        state IN ('PENDING_CONFIRMATION', 'CONFIRMED', 'AWAITING_CHECK', 'ACCEPTED', 'DECLINED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
