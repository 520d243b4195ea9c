-- The catalogue: one row per customer file, the copy head office searches, written by each file's
-- grain after every change (rows newer by Version win). CatalogueCounts keeps the counts the
-- summary shows, changed in the same transaction as the rows, so the summary reads a few
-- thousand counters instead of counting a million files. Text keys compare byte by byte.

CREATE TABLE IF NOT EXISTS CatalogueFiles
(
    FileId       TEXT    NOT NULL PRIMARY KEY,
    FileNumber   INTEGER NOT NULL,
    Version      INTEGER NOT NULL,
    CustomerName TEXT    NULL,
    NameKey      TEXT    NOT NULL,   -- lower-cased customer name, for prefix search
    CustomerType TEXT    NOT NULL,   -- '' when unknown
    Importance   TEXT    NOT NULL,
    Sensitivity  TEXT    NOT NULL,
    Status       TEXT    NOT NULL,
    Branch       TEXT    NOT NULL,
    Cabinet      TEXT    NOT NULL,
    DueAt        TEXT    NULL,       -- the open loan's due date, ISO 8601 UTC
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
-- Overdue = checked out with DueAt before now. The covering index makes the summary's overdue count
-- a scan of the checked-out loans' due dates alone, and the overdue list walks it in file-number order.
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_Overdue ON CatalogueFiles (Status, FileNumber, DueAt) WHERE DueAt IS NOT NULL;
-- The archive-wide overdue count (the summary) ranges over due dates instead: a few thousand
-- entries, not every open loan, counted by branch from the index alone (017 drops the older index
-- without the branch). Named in the query: without statistics SQLite would not pick it.
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_OverdueByBranch ON CatalogueFiles (Status, DueAt, Branch) WHERE DueAt IS NOT NULL;

CREATE TABLE IF NOT EXISTS CatalogueTags
(
    Tag        TEXT    NOT NULL,
    FileNumber INTEGER NOT NULL,
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
    Files        INTEGER NOT NULL,
    PRIMARY KEY (Branch, Status, CustomerType, Importance)
);
