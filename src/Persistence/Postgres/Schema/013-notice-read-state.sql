-- PostgreSQL twin of Sqlite/Schema/010-notice-read-state.sql (issue 19, points 1 and 4): the notice's
-- stored id (rows already there get theirs by the same formula as RelationalLoanNotices.IdOf:
-- "ntc_" + the first 16 bytes of SHA-256 over "subject\nkind\ndueAt", in lower-case hex), the member of
-- staff it is addressed to in person, and its read state.
ALTER TABLE LoanNotices ADD COLUMN IF NOT EXISTS NoticeId TEXT NULL;
ALTER TABLE LoanNotices ADD COLUMN IF NOT EXISTS Recipient TEXT NULL;
ALTER TABLE LoanNotices ADD COLUMN IF NOT EXISTS ReadAt TEXT COLLATE "C" NULL;   -- ISO 8601 UTC, as At
ALTER TABLE LoanNotices ADD COLUMN IF NOT EXISTS ReadBy TEXT NULL;

UPDATE LoanNotices
SET NoticeId = 'ntc_' || substr(encode(sha256(convert_to(FileId || E'\n' || Kind || E'\n' || DueAt, 'UTF8')), 'hex'), 1, 32)
WHERE NoticeId IS NULL;

CREATE UNIQUE INDEX IF NOT EXISTS IX_LoanNotices_NoticeId ON LoanNotices (NoticeId);
CREATE INDEX IF NOT EXISTS IX_LoanNotices_Recipient ON LoanNotices (Recipient, At) WHERE Recipient IS NOT NULL;
