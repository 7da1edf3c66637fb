-- A foreign place typed by a signer is offered in the type-ahead only once a signature for it is confirmed.
ALTER TABLE foreign_municipality ADD COLUMN listed BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE foreign_municipality f SET listed = TRUE
 WHERE EXISTS (SELECT 1 FROM signature s WHERE s.foreign_municipality_id = f.id AND s.status = 'CONFIRMED');

-- Official domains are registered for municipalities (8-digit AGS) and Landkreise (5-digit key): the key is
-- checked against the register by the application, no longer by a foreign key to municipality alone.
ALTER TABLE municipality_domain DROP FOREIGN KEY fk_municipality_domain_municipality;
