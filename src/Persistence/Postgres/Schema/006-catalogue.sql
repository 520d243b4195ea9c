-- PostgreSQL twin of Sqlite/Schema/003-catalogue.sql: same tables and names, so the same queries run on both.
-- The catalogue: one row per customer file, the copy head office searches, written by each file's
-- grain after every change (rows newer by Version win). CatalogueCounts keeps the counts the
-- summary shows, changed in the same transaction as the rows, so the summary reads a few
-- thousand counters instead of counting a million files. Text keys compare byte by byte.

CREATE TABLE IF NOT EXISTS CatalogueFiles
(
    FileId       TEXT    NOT NULL PRIMARY KEY,
    FileNumber   BIGINT  NOT NULL,
    Version      BIGINT  NOT NULL,
    CustomerName TEXT    NULL,
    NameKey      TEXT    COLLATE "C" NOT NULL,   -- lower-cased customer name, for prefix search
    CustomerType TEXT    NOT NULL,   -- '' when unknown
    Importance   TEXT    NOT NULL,
    Sensitivity  TEXT    NOT NULL,
    Status       TEXT    NOT NULL,
    Branch       TEXT    NOT NULL,
    Cabinet      TEXT    NOT NULL,
    DueAt        TEXT    COLLATE "C" NULL,   -- the open loan's due date, ISO 8601 UTC
    UpdatedAt    TEXT    NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS IX_CatalogueFiles_FileNumber ON CatalogueFiles (FileNumber);
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_Branch ON CatalogueFiles (Branch, Status, FileNumber);
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_Cabinet ON CatalogueFiles (Branch, Cabinet, FileNumber);
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_Status ON CatalogueFiles (Status, FileNumber);
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_Importance ON CatalogueFiles (Importance, CustomerType, FileNumber);
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_CustomerType ON CatalogueFiles (CustomerType, FileNumber);
-- Name searches are answered in name order, so a prefix's first page is the index's first rows.
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_NameKey ON CatalogueFiles (NameKey, FileNumber);
-- Overdue = checked out with DueAt before now: an index-only range scan for the summary's count,
-- which counts by branch, so the branch rides along (019 drops the older index without it).
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_OverdueByBranch ON CatalogueFiles (Status, DueAt) INCLUDE (Branch) WHERE DueAt IS NOT NULL;

CREATE TABLE IF NOT EXISTS CatalogueTags
(
    Tag        TEXT    NOT NULL,
    FileNumber BIGINT  NOT NULL,
    FileId     TEXT    NOT NULL,
    PRIMARY KEY (Tag, FileNumber)
);

CREATE INDEX IF NOT EXISTS IX_CatalogueTags_FileId ON CatalogueTags (FileId);

CREATE TABLE IF NOT EXISTS CatalogueCounts
(
    Branch       TEXT    NOT NULL,
    Status       TEXT    NOT NULL,
    CustomerType TEXT    NOT NULL,
    Importance   TEXT    NOT NULL,
    Files        BIGINT  NOT NULL,
    PRIMARY KEY (Branch, Status, CustomerType, Importance)
);
