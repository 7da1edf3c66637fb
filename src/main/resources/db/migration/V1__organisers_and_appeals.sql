-- Runs on MySQL 8 and MariaDB 10.11+. All instants are UTC in DATETIME(6).
CREATE TABLE organiser (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    name             VARCHAR(200) NOT NULL,
    kind             VARCHAR(20)  NOT NULL,
    municipality_ags CHAR(8)      NULL,
    contact_email    VARCHAR(254) NOT NULL,
    website          VARCHAR(500) NULL,
    created_at       DATETIME(6)  NOT NULL,
    updated_at       DATETIME(6)  NOT NULL,
    version          BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_organiser_name (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE appeal (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    organiser_id  BIGINT        NOT NULL,
    slug          VARCHAR(80)   NOT NULL,
    title         VARCHAR(200)  NOT NULL,
    addressee     VARCHAR(200)  NOT NULL,
    body_markdown MEDIUMTEXT    NOT NULL,
    contact_email VARCHAR(254)  NOT NULL,
    opens_at      DATETIME(6)   NOT NULL,
    deadline      DATETIME(6)   NOT NULL,
    grace_seconds INT           NOT NULL DEFAULT 86400,
    status        VARCHAR(16)   NOT NULL,
    allowed_roles VARCHAR(500)  NOT NULL,
    publish_names BOOLEAN       NOT NULL DEFAULT TRUE,
    goal          INT           NULL,
    created_at    DATETIME(6)   NOT NULL,
    updated_at    DATETIME(6)   NOT NULL,
    version       BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_appeal_slug (slug),
    KEY ix_appeal_status_deadline (status, deadline),
    CONSTRAINT fk_appeal_organiser FOREIGN KEY (organiser_id) REFERENCES organiser (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
