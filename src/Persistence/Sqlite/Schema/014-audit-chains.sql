-- applies-when: SELECT COUNT(*) = 0 FROM pragma_table_info('AuditLog') WHERE name = 'ChainSeq'
-- The audit log in chains per shard (issue 20): an entry is linked into its Chain (audit-0, ...)
-- at ChainSeq (1, 2, 3... per chain); Seq (the rowid, assigned on insert) still orders the whole
-- log. The entries from before stay as they are, Chain and ChainSeq null: chain "main", numbered
-- by Seq, frozen (new entries go to the shards' chains), so the checkpoints signed over it still hold.
-- SQLite has no ADD COLUMN IF NOT EXISTS, so this script runs only while the column is missing
-- (the line above). Adding columns rewrites no row, however long the log.

ALTER TABLE AuditLog ADD COLUMN Chain TEXT NULL;
ALTER TABLE AuditLog ADD COLUMN ChainSeq INTEGER NULL;

-- A chain's end and its entries in order; one entry per place in a chain.
CREATE UNIQUE INDEX IF NOT EXISTS UX_AuditLog_Chain ON AuditLog (Chain, ChainSeq) WHERE Chain IS NOT NULL;
-- Chain main's entries in order, without walking the shards' entries written after them.
CREATE INDEX IF NOT EXISTS IX_AuditLog_Main ON AuditLog (Seq) WHERE Chain IS NULL;
