-- The catalogue's counters per shard (issue 20), the PostgreSQL twin of
-- Sqlite/Schema/015-catalogue-counts-per-shard.sql. A group of changes (one per audit shard, see
-- Writes/Shards.cs) moves only its own shard's counter rows, so groups of different shards never
-- wait for each other's commit on a branch's shared counters. The summary sums a key's rows over
-- the shards. A shard's row may go below zero (the rows from before all became shard 0, and a
-- file of shard 3 counted there is later moved out by shard 3's groups): only the sum means anything.
--
-- Safe to run on every start (under PostgresSchema's migration lock): the column and the wider
-- key are added only while the column is missing. Adding a column with a constant default
-- rewrites no row; the key's index is rebuilt over the counter rows only (thousands, not files).

DO $$
DECLARE
    counters text;
    old_key name;
BEGIN
    FOREACH counters IN ARRAY ARRAY['cataloguecounts', 'cataloguelocationcounts'] LOOP
        IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_schema = current_schema() AND table_name = counters AND column_name = 'shard') THEN
            EXECUTE format('ALTER TABLE %I ADD COLUMN Shard integer NOT NULL DEFAULT 0', counters);
            SELECT conname INTO old_key FROM pg_constraint WHERE conrelid = counters::regclass AND contype = 'p';
            EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', counters, old_key);
            EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (%s)', counters,
                CASE counters WHEN 'cataloguecounts' THEN 'Branch, Status, CustomerType, Importance, Shard' ELSE 'Branch, Stage, Shard' END);
        END IF;
    END LOOP;
END
$$;
