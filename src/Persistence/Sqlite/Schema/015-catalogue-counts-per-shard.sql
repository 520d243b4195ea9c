-- applies-when: SELECT (SELECT COUNT(*) FROM pragma_table_info('CatalogueCounts') WHERE name = 'Shard') + (SELECT COUNT(*) FROM pragma_table_info('CatalogueLocationCounts') WHERE name = 'Shard') < 2
-- The catalogue's counters per shard (issue 20): a key's count is the sum of its rows over Shard.
-- PostgreSQL's groups of changes each move their own shard's rows (Postgres/Schema/018); SQLite's
-- one writer always writes shard 0, but the tables and the SQL are the same for both stores.
-- SQLite cannot widen a primary key, so each table is copied into a new one (thousands of counter
-- rows, not files); the rows from before become shard 0 (summed per key, so a table that has the
-- column already comes through unchanged in its sums). Runs only while a table lacks the column
-- (the line above).

CREATE TABLE CatalogueCounts_PerShard
(
    Branch       TEXT    NOT NULL,
    Status       TEXT    NOT NULL,
    CustomerType TEXT    NOT NULL,
    Importance   TEXT    NOT NULL,
    Shard        INTEGER NOT NULL DEFAULT 0,
    Files        INTEGER NOT NULL,
    PRIMARY KEY (Branch, Status, CustomerType, Importance, Shard)
);
INSERT INTO CatalogueCounts_PerShard (Branch, Status, CustomerType, Importance, Shard, Files)
SELECT Branch, Status, CustomerType, Importance, 0, SUM(Files) FROM CatalogueCounts GROUP BY Branch, Status, CustomerType, Importance;
DROP TABLE CatalogueCounts;
ALTER TABLE CatalogueCounts_PerShard RENAME TO CatalogueCounts;

CREATE TABLE CatalogueLocationCounts_PerShard
(
    Branch TEXT    NOT NULL,
    Stage  TEXT    NOT NULL,
    Shard  INTEGER NOT NULL DEFAULT 0,
    Files  INTEGER NOT NULL,
    PRIMARY KEY (Branch, Stage, Shard)
);
INSERT INTO CatalogueLocationCounts_PerShard (Branch, Stage, Shard, Files)
SELECT Branch, Stage, 0, SUM(Files) FROM CatalogueLocationCounts GROUP BY Branch, Stage;
DROP TABLE CatalogueLocationCounts;
ALTER TABLE CatalogueLocationCounts_PerShard RENAME TO CatalogueLocationCounts;
