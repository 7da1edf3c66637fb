-- Addresses are compared byte by byte: the key is already normalised (NFC, local part lower-cased, domain in its
-- UTS #46 ASCII form), so a folding collation would only merge different people ("müller@" and "muller@").
ALTER TABLE signature MODIFY email_key VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;
ALTER TABLE invitation MODIFY email_key VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
