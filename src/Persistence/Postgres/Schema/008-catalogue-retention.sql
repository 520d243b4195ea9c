-- PostgreSQL twin of Sqlite/Schema/005-catalogue-retention.sql: the list for destruction.
CREATE TABLE IF NOT EXISTS CatalogueRetention
(
    FileId      TEXT NOT NULL PRIMARY KEY,
    RetainUntil TEXT COLLATE "C" NOT NULL   -- ISO 8601 UTC, as in CatalogueFiles.DueAt
);

CREATE INDEX IF NOT EXISTS IX_CatalogueRetention_RetainUntil ON CatalogueRetention (RetainUntil);
