-- The list for destruction: files whose retention ends, with the date it ends. A row moves with
-- its file's catalogue line (same transaction, same version rule) and is absent while the file
-- has no end of retention (active customer, legal hold, destroyed).
CREATE TABLE IF NOT EXISTS CatalogueRetention
(
    FileId      TEXT NOT NULL PRIMARY KEY,
    RetainUntil TEXT NOT NULL   -- ISO 8601 UTC, as in CatalogueFiles.DueAt
);

CREATE INDEX IF NOT EXISTS IX_CatalogueRetention_RetainUntil ON CatalogueRetention (RetainUntil);
