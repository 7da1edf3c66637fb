-- The appeal page lists the most recently confirmed signatures: newest first without sorting all of them.
CREATE INDEX ix_signature_appeal_status_confirmed ON signature (appeal_id, status, confirmed_at);
