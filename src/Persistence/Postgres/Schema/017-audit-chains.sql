-- The audit log in chains per shard (issue 20), the PostgreSQL twin of Sqlite/Schema/014-audit-chains.sql.
-- An entry is linked into its Chain (audit-0, ...) at ChainSeq (1, 2, 3... per chain), appended
-- under that chain's advisory lock (pg_advisory_xact_lock(7310215, shard)) only, so silos append
-- to different chains in parallel. Seq, from the sequence AuditLog_Seq, still orders the whole log
-- (unique and increasing; a rolled-back append leaves a gap). The entries from before stay as they
-- are, Chain and ChainSeq null: chain "main", numbered by Seq, frozen, so the checkpoints signed
-- over it still hold. Upgrade with every silo of the older version stopped: it appends to main.
--
-- Safe to run on every start (under PostgresSchema's migration lock): columns, default and
-- indexes are added only when missing; no row is rewritten, however long the log.

CREATE SEQUENCE IF NOT EXISTS AuditLog_Seq AS bigint;

DO $$
DECLARE
    top bigint;
    next_value bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = current_schema() AND table_name = 'auditlog' AND column_name = 'chainseq') THEN
        ALTER TABLE AuditLog ADD COLUMN Chain text NULL;
        ALTER TABLE AuditLog ADD COLUMN ChainSeq bigint NULL;
    END IF;
    -- The sequence starts past the entries already stored. It only ever moves forward here, so a
    -- silo already appending through it is never handed a Seq again.
    SELECT MAX(Seq) INTO top FROM AuditLog;
    SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END INTO next_value FROM AuditLog_Seq;
    IF top IS NOT NULL AND top >= next_value THEN
        PERFORM setval('AuditLog_Seq', top);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                   WHERE d.adrelid = 'AuditLog'::regclass AND a.attname = 'seq') THEN
        ALTER TABLE AuditLog ALTER COLUMN Seq SET DEFAULT nextval('AuditLog_Seq');
        ALTER SEQUENCE AuditLog_Seq OWNED BY AuditLog.Seq;
    END IF;
END
$$;

-- A chain's end and its entries in order; one entry per place in a chain.
CREATE UNIQUE INDEX IF NOT EXISTS UX_AuditLog_Chain ON AuditLog (Chain, ChainSeq) WHERE Chain IS NOT NULL;
-- Chain main's entries in order, without walking the shards' entries written after them.
CREATE INDEX IF NOT EXISTS IX_AuditLog_Main ON AuditLog (Seq) WHERE Chain IS NULL;
