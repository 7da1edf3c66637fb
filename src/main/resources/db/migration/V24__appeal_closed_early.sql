-- An appeal closed before its deadline keeps the deadline it was published with; this is when signing really ended.
ALTER TABLE appeal ADD COLUMN closed_early_at DATETIME(6) NULL;
