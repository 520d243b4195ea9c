-- applies-when: SELECT COUNT(*) = 0 FROM pragma_table_info('CatalogueFiles') WHERE name = 'AwaitingApproval'
-- The approval queue (issue 21): what each file waits for an approver for (AwaitingApproval: the
-- kinds' names, comma-separated, e.g. 'Access' or 'Access,Copy'; null for nothing, see
-- Grains/Files/ApprovalQueue.cs) and the earliest deadline among them (ApprovalDueAt, ISO 8601 UTC:
-- an emergency access grant's review). No file stored before had anything to approve, so lines
-- already in the catalogue stay null. SQLite has no ADD COLUMN IF NOT EXISTS, so this script runs
-- only while the column is missing.

ALTER TABLE CatalogueFiles ADD COLUMN AwaitingApproval TEXT NULL;
ALTER TABLE CatalogueFiles ADD COLUMN ApprovalDueAt TEXT NULL;

-- "What waits for approval at branch B", in file-number order; few files wait at once, so the index is small.
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_AwaitingApproval ON CatalogueFiles (Branch, FileNumber) WHERE AwaitingApproval IS NOT NULL;
