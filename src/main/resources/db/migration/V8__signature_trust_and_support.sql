-- What an appeal counts publicly: TRUSTED_ONLY (all confirmed signatures but e-mail-only ones) or ALL_CONFIRMED.
ALTER TABLE appeal ADD COLUMN public_count VARCHAR(16) NOT NULL DEFAULT 'TRUSTED_ONLY';

-- A signature for a Landkreis has district_ags set and municipality_ags NULL.
-- Who verified a signature by other means, when and how (PHONE, LETTER, COUNCIL_RESOLUTION, EMAIL).
ALTER TABLE signature
    ADD COLUMN district_ags        CHAR(5)      NULL AFTER municipality_ags,
    ADD COLUMN verified_by         VARCHAR(254) NULL,
    ADD COLUMN verified_at         DATETIME(6)  NULL,
    ADD COLUMN verification_method VARCHAR(24)  NULL,
    ADD COLUMN verification_note   VARCHAR(500) NULL;
CREATE INDEX ix_signature_appeal_status_district ON signature (appeal_id, status, district_ags);
CREATE INDEX ix_signature_appeal_status_foreign ON signature (appeal_id, status, foreign_municipality_id);

-- Maintained by signing in the transaction of every transition: per supporting place (a municipality 'M', a
-- Landkreis 'K' or a foreign municipality 'F') how many signatures count publicly and how many await verification.
CREATE TABLE support_unit (
    appeal_id  BIGINT      NOT NULL,
    kind       CHAR(1)     NOT NULL,
    -- the municipality's AGS, the Kreis key, or the foreign municipality's id
    place_key  VARCHAR(20) NOT NULL,
    counted    INT         NOT NULL DEFAULT 0,
    awaiting   INT         NOT NULL DEFAULT 0,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (appeal_id, kind, place_key),
    CONSTRAINT fk_support_unit_appeal FOREIGN KEY (appeal_id) REFERENCES appeal (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The appeal's public numbers, rolled up from support_unit in the same transaction. Its row is also the lock that
-- puts an appeal's transitions in one order.
CREATE TABLE appeal_support (
    appeal_id      BIGINT      NOT NULL,
    municipalities BIGINT      NOT NULL DEFAULT 0,
    districts      BIGINT      NOT NULL DEFAULT 0,
    signatures     BIGINT      NOT NULL DEFAULT 0,
    population     BIGINT      NOT NULL DEFAULT 0,
    awaiting       BIGINT      NOT NULL DEFAULT 0,
    updated_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (appeal_id),
    CONSTRAINT fk_appeal_support_appeal FOREIGN KEY (appeal_id) REFERENCES appeal (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Per Land: supporting municipalities, Kreise, publicly counted signatures, inhabitants covered.
CREATE TABLE appeal_support_land (
    appeal_id      BIGINT  NOT NULL,
    land_code      CHAR(2) NOT NULL,
    municipalities BIGINT  NOT NULL DEFAULT 0,
    districts      BIGINT  NOT NULL DEFAULT 0,
    signatures     BIGINT  NOT NULL DEFAULT 0,
    population     BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (appeal_id, land_code),
    CONSTRAINT fk_appeal_support_land_appeal FOREIGN KEY (appeal_id) REFERENCES appeal (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
