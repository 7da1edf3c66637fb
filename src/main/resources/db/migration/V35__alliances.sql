-- Alliances: standing coalitions of municipalities that an organisation runs (de.mitzeichnen.alliance owns every
-- table of this file). A membership is a row of its own: leaving sets left_on, rejoining later is a new row, so the
-- history of who was a member when stays.
CREATE TABLE alliance (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    organiser_id  BIGINT        NOT NULL,
    slug          VARCHAR(80)   NOT NULL,
    name          VARCHAR(200)  NOT NULL,
    -- plain text (no Markdown, no logo); paragraphs are separated by blank lines
    description   VARCHAR(2000) NOT NULL,
    contact_name  VARCHAR(200)  NULL,
    contact_email VARCHAR(254)  NOT NULL,
    -- only a public alliance has a public page, API entry, widget and badge; others answer 404 to the public
    public_page   BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at    DATETIME(6)   NOT NULL,
    updated_at    DATETIME(6)   NOT NULL,
    version       BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_alliance_slug (slug),
    KEY ix_alliance_organiser (organiser_id),
    CONSTRAINT fk_alliance_organiser FOREIGN KEY (organiser_id) REFERENCES organiser (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A member is exactly one of: a German municipality (municipality_ags, with the register's gebietsstand as signing
-- stores it), a Landkreis (district_ags, its 5-digit key) or a place abroad (foreign_municipality_id) – the same
-- columns as table signature. A membership is in force on the days joined_on <= d < left_on (left_on NULL: open).
-- Two memberships of one place in one alliance never overlap (checked by the service under the alliance_stats
-- row lock).
CREATE TABLE alliance_member (
    id                      BIGINT       NOT NULL AUTO_INCREMENT,
    alliance_id             BIGINT       NOT NULL,
    municipality_ags        CHAR(8)      NULL,
    gebietsstand            DATE         NULL,
    district_ags            CHAR(5)      NULL,
    foreign_municipality_id BIGINT       NULL,
    joined_on               DATE         NOT NULL,
    left_on                 DATE         NULL,
    -- e.g. „Stadtratsbeschluss vom 18.12.2019", „Antrag Nr. 20-26 / A 05689"
    basis                   VARCHAR(300) NULL,
    created_at              DATETIME(6)  NOT NULL,
    updated_at              DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_alliance_member_joined (alliance_id, joined_on),
    KEY ix_alliance_member_municipality (alliance_id, municipality_ags),
    KEY ix_alliance_member_district (alliance_id, district_ags),
    KEY ix_alliance_member_foreign (alliance_id, foreign_municipality_id),
    CONSTRAINT fk_alliance_member_alliance FOREIGN KEY (alliance_id) REFERENCES alliance (id),
    CONSTRAINT fk_alliance_member_foreign FOREIGN KEY (foreign_municipality_id) REFERENCES foreign_municipality (id),
    CONSTRAINT ck_alliance_member_one_place CHECK (
        (municipality_ags IS NOT NULL) + (district_ags IS NOT NULL) + (foreign_municipality_id IS NOT NULL) = 1),
    CONSTRAINT ck_alliance_member_dates CHECK (left_on IS NULL OR left_on > joined_on)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The optional evidence of a membership (the council decision as PDF, a scan), stored like a reply's evidence
-- (signature_evidence); only the alliance's organiser downloads it.
CREATE TABLE alliance_member_evidence (
    member_id    BIGINT       NOT NULL,
    alliance_id  BIGINT       NOT NULL,
    file_name    VARCHAR(200) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    file_size    INT          NOT NULL,
    content      LONGBLOB     NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (member_id),
    KEY ix_alliance_member_evidence_alliance (alliance_id),
    CONSTRAINT fk_alliance_member_evidence_member FOREIGN KEY (member_id) REFERENCES alliance_member (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The public page's numbers, rolled up from alliance_member in the transaction of every membership change (and by a
-- periodic recount): current members per kind and the inhabitants they cover (a Landkreis covers its municipalities
-- once). as_of is the day they were computed for; valid_until the next day on which a stored membership starts or
-- ends (NULL: none), from when on they are recomputed before they are read. The row is also the lock that puts an
-- alliance's membership changes in one order.
CREATE TABLE alliance_stats (
    alliance_id    BIGINT      NOT NULL,
    municipalities INT         NOT NULL DEFAULT 0,
    districts      INT         NOT NULL DEFAULT 0,
    abroad         INT         NOT NULL DEFAULT 0,
    population     BIGINT      NOT NULL DEFAULT 0,
    as_of          DATE        NOT NULL,
    valid_until    DATE        NULL,
    updated_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (alliance_id),
    CONSTRAINT fk_alliance_stats_alliance FOREIGN KEY (alliance_id) REFERENCES alliance (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Per Land: current member municipalities, Landkreise and the inhabitants they cover (name as the register had it).
CREATE TABLE alliance_stats_land (
    alliance_id    BIGINT       NOT NULL,
    land_code      CHAR(2)      NOT NULL,
    land_name      VARCHAR(100) NOT NULL,
    municipalities INT          NOT NULL DEFAULT 0,
    districts      INT          NOT NULL DEFAULT 0,
    population     BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (alliance_id, land_code),
    CONSTRAINT fk_alliance_stats_land_alliance FOREIGN KEY (alliance_id) REFERENCES alliance (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The appeals an alliance runs (an appeal is run by at most one alliance). The alliance page lists them with their
-- counts; linking an appeal from the console comes with the appeals of alliances.
CREATE TABLE alliance_appeal (
    alliance_id BIGINT      NOT NULL,
    appeal_id   BIGINT      NOT NULL,
    linked_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (alliance_id, appeal_id),
    UNIQUE KEY uk_alliance_appeal_appeal (appeal_id),
    CONSTRAINT fk_alliance_appeal_alliance FOREIGN KEY (alliance_id) REFERENCES alliance (id),
    CONSTRAINT fk_alliance_appeal_appeal FOREIGN KEY (appeal_id) REFERENCES appeal (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
