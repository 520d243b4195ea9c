-- PostgreSQL twin of Sqlite/Schema/013-catalogue-approvals.sql (issue 21): what each file waits
-- for an approver for (AwaitingApproval, the kinds' names comma-separated; null for nothing) and
-- the earliest deadline among them (ApprovalDueAt, ISO 8601 UTC, as DueAt). No file stored before
-- had anything to approve: lines already in the catalogue stay null.
ALTER TABLE CatalogueFiles ADD COLUMN IF NOT EXISTS AwaitingApproval TEXT COLLATE "C" NULL;
ALTER TABLE CatalogueFiles ADD COLUMN IF NOT EXISTS ApprovalDueAt TEXT COLLATE "C" NULL;

-- "What waits for approval at branch B", in file-number order; few files wait at once, so the index is small.
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_AwaitingApproval ON CatalogueFiles (Branch, FileNumber) WHERE AwaitingApproval IS NOT NULL;
