-- applies-when: SELECT COUNT(*) = 0 FROM pragma_table_info('LoanNotices') WHERE name = 'NoticeId'
-- Notices that reach people (issue 19, points 1 and 4).
-- LoanNotices.NoticeId: the notice's stable id ("ntc_" + a hash of its key, RelationalLoanNotices.IdOf),
--   stored so a notice is found by it (read/unread); rows already there are given theirs by the
--   function archive_notice_id, which SqliteSchema registers on its connection (the same code).
-- LoanNotices.Recipient: the member of staff a notice is addressed to in person (null: to the branch).
-- LoanNotices.ReadAt / ReadBy: when and by whom the notice was marked read (null: unread); one read
--   state per notice, shared by everyone it is addressed to.
-- SQLite has no ADD COLUMN IF NOT EXISTS, so this script runs only while the column is missing.

ALTER TABLE LoanNotices ADD COLUMN NoticeId TEXT NULL;
ALTER TABLE LoanNotices ADD COLUMN Recipient TEXT NULL;
ALTER TABLE LoanNotices ADD COLUMN ReadAt TEXT NULL;   -- ISO 8601 UTC, as At
ALTER TABLE LoanNotices ADD COLUMN ReadBy TEXT NULL;

UPDATE LoanNotices SET NoticeId = archive_notice_id(FileId, Kind, DueAt) WHERE NoticeId IS NULL;

CREATE UNIQUE INDEX IF NOT EXISTS IX_LoanNotices_NoticeId ON LoanNotices (NoticeId);
CREATE INDEX IF NOT EXISTS IX_LoanNotices_Recipient ON LoanNotices (Recipient, At) WHERE Recipient IS NOT NULL;
