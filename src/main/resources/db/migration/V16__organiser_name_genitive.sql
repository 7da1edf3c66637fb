-- The organiser's name in the grammatical form German sentences need („Ein Aufruf der Stadt Frankfurt am Main").
-- Empty: derived from the name and kind (Organiser.genitive()).
ALTER TABLE organiser ADD COLUMN name_genitive VARCHAR(230) NULL;
