-- One row per periodic job (reminders, outbox reclaim, recount, retention …). An instance runs a job only after it
-- moved next_run_at forward in one UPDATE, so among all instances exactly one runs it per period. The last run's
-- times are kept for operators (and the metrics).
CREATE TABLE scheduled_job (
    name             VARCHAR(64)  NOT NULL,
    next_run_at      DATETIME(6)  NOT NULL,
    owner            VARCHAR(100) NULL,
    last_started_at  DATETIME(6)  NULL,
    last_finished_at DATETIME(6)  NULL,
    last_duration_ms BIGINT       NULL,
    last_error       VARCHAR(1000) NULL,
    runs             BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
