-- The municipality register (Destatis GV100AD), foreign municipalities and official mail domains.
-- Runs on MySQL 8 and MariaDB 10.11+. Rows of the register are never deleted: signatures refer to them by AGS,
-- so what vanishes from a newer Gemeindeverzeichnis is kept and marked inactive.

CREATE TABLE land (
    code         CHAR(2)      NOT NULL,
    name         VARCHAR(100) NOT NULL,
    seat         VARCHAR(100) NULL,
    -- All residents, including the two inhabited unincorporated areas (the Destatis total).
    population   INT          NOT NULL DEFAULT 0,
    gebietsstand DATE         NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    updated_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE kreis (
    ags                  CHAR(5)      NOT NULL,
    name                 VARCHAR(200) NOT NULL,
    display_name         VARCHAR(200) NOT NULL,
    type_code            CHAR(2)      NOT NULL,
    type_label           VARCHAR(50)  NOT NULL,
    land_code            CHAR(2)      NOT NULL,
    seat                 VARCHAR(100) NULL,
    population           INT          NOT NULL DEFAULT 0,
    gebietsstand         DATE         NOT NULL,
    active               BOOLEAN      NOT NULL DEFAULT TRUE,
    retired_gebietsstand DATE         NULL,
    created_at           DATETIME(6)  NOT NULL,
    updated_at           DATETIME(6)  NOT NULL,
    PRIMARY KEY (ags),
    KEY ix_kreis_land (land_code),
    CONSTRAINT fk_kreis_land FOREIGN KEY (land_code) REFERENCES land (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE gemeindeverband (
    ars                  CHAR(9)      NOT NULL,
    name                 VARCHAR(200) NOT NULL,
    type_code            CHAR(2)      NOT NULL,
    type_label           VARCHAR(50)  NOT NULL,
    land_code            CHAR(2)      NOT NULL,
    kreis_ags            CHAR(5)      NOT NULL,
    gebietsstand         DATE         NOT NULL,
    active               BOOLEAN      NOT NULL DEFAULT TRUE,
    retired_gebietsstand DATE         NULL,
    created_at           DATETIME(6)  NOT NULL,
    updated_at           DATETIME(6)  NOT NULL,
    PRIMARY KEY (ars),
    KEY ix_gemeindeverband_kreis (kreis_ags)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE municipality (
    ags                  CHAR(8)       NOT NULL,
    ars                  CHAR(12)      NOT NULL,
    name                 VARCHAR(200)  NOT NULL,
    display_name         VARCHAR(200)  NOT NULL,
    type_code            CHAR(2)       NOT NULL,
    type_label           VARCHAR(50)   NOT NULL,
    land_code            CHAR(2)       NOT NULL,
    kreis_ags            CHAR(5)       NOT NULL,
    verband_ars          CHAR(9)       NULL,
    verband_name         VARCHAR(200)  NULL,
    population           INT           NOT NULL,
    postal_code          CHAR(5)       NULL,
    area_km2             DECIMAL(12, 2) NULL,
    gebietsstand         DATE          NOT NULL,
    active               BOOLEAN       NOT NULL,
    retired_gebietsstand DATE          NULL,
    lat                  DOUBLE        NULL,
    lon                  DOUBLE        NULL,
    search_key           VARCHAR(300)  NOT NULL,
    created_at           DATETIME(6)   NOT NULL,
    updated_at           DATETIME(6)   NOT NULL,
    PRIMARY KEY (ags),
    KEY ix_municipality_land (land_code),
    KEY ix_municipality_kreis (kreis_ags),
    KEY ix_municipality_postal_code (postal_code),
    KEY ix_municipality_search_key (search_key),
    CONSTRAINT fk_municipality_land FOREIGN KEY (land_code) REFERENCES land (code),
    CONSTRAINT fk_municipality_kreis FOREIGN KEY (kreis_ags) REFERENCES kreis (ags)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per import of a GV100AD file that was written.
CREATE TABLE municipality_import (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    source       VARCHAR(300) NOT NULL,
    gebietsstand DATE         NOT NULL,
    added        INT          NOT NULL,
    updated      INT          NOT NULL,
    retired      INT          NOT NULL,
    reactivated  INT          NOT NULL,
    unchanged    INT          NOT NULL,
    imported_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Imports lock their row (SELECT … FOR UPDATE), so that several instances starting at once import one after the other.
CREATE TABLE register_lock (
    name VARCHAR(40) NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO register_lock (name) VALUES ('municipality-import'), ('domain-import');

CREATE TABLE foreign_municipality (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    country         CHAR(2)      NOT NULL,
    name            VARCHAR(200) NOT NULL,
    normalized_name VARCHAR(200) NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_foreign_municipality_country_name (country, normalized_name),
    KEY ix_foreign_municipality_name (normalized_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE municipality_domain (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    ags        CHAR(8)      NOT NULL,
    -- Lower case, internationalised names in their ASCII (punycode) form.
    domain     VARCHAR(253) NOT NULL,
    source     VARCHAR(100) NOT NULL,
    verified   BOOLEAN      NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_municipality_domain (ags, domain),
    KEY ix_municipality_domain_domain (domain),
    CONSTRAINT fk_municipality_domain_municipality FOREIGN KEY (ags) REFERENCES municipality (ags)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
