-- The audit log: append-only and hash-chained. Each row's Hash covers its own content and the
-- previous row's Hash (see AuditChain), so a changed or deleted row breaks the chain there.
-- The triggers stop ordinary updates and deletes; someone with write access to the file can
-- drop them, which the chain then reveals.

CREATE TABLE IF NOT EXISTS AuditLog
(
    Seq         INTEGER NOT NULL PRIMARY KEY,
    EntryId     TEXT    NOT NULL UNIQUE,
    At          TEXT    NOT NULL,
    Actor       TEXT    NOT NULL,
    Roles       TEXT    NOT NULL,
    ActorBranch TEXT    NULL,
    Action      TEXT    NOT NULL,
    FileId      TEXT    NULL,
    Branch      TEXT    NULL,
    Outcome     TEXT    NOT NULL,
    Detail      TEXT    NULL,
    RequestId   TEXT    NULL,
    PrevHash    TEXT    NOT NULL,
    Hash        TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS IX_AuditLog_FileId ON AuditLog (FileId, Seq);
CREATE INDEX IF NOT EXISTS IX_AuditLog_Actor ON AuditLog (Actor, Seq);
-- No index on Branch: the branch filter is "Branch = @b OR ActorBranch = @b", which no one-sided index answers (016).
CREATE INDEX IF NOT EXISTS IX_AuditLog_At ON AuditLog (At);
-- Lists of one kind of act, e.g. head office's recent re-classifications.
CREATE INDEX IF NOT EXISTS IX_AuditLog_Action ON AuditLog (Action, Seq);

CREATE TRIGGER IF NOT EXISTS AuditLog_NoUpdate BEFORE UPDATE ON AuditLog
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only.');
END;

CREATE TRIGGER IF NOT EXISTS AuditLog_NoDelete BEFORE DELETE ON AuditLog
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only.');
END;
