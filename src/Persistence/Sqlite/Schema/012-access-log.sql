-- The access log: who read which customer file's details or histories, downloaded a scan or
-- exported lines (RelationalAccessLog; docs/security.md "What is logged when files are read").
-- A stream of its own beside the audit log: reads far outnumber changes, so they are written in
-- groups (one transaction for many reads) to a few hash chains (Chain = access-0, access-1, ...),
-- each entry's Hash over its content and the previous entry's Hash in its chain. The chains'
-- heads are sealed by the audit log's signed checkpoints (AuditCheckpoint).
--
-- Not append-only by trigger: retention purges the oldest entries (AccessLogStart records where
-- each chain then starts, and the purge is audited in AuditLog). Any other edit, deletion or
-- truncation breaks a chain, or a checkpoint's head, and GET /api/access-log/verify names it.
-- Safe to run on every start.

CREATE TABLE IF NOT EXISTS AccessLog
(
    Chain       TEXT    NOT NULL,
    Seq         INTEGER NOT NULL,
    At          TEXT    NOT NULL,   -- ISO-8601 UTC, fixed width: orders as text
    Subject     TEXT    NOT NULL,
    Roles       TEXT    NOT NULL,
    ActorBranch TEXT    NULL,
    Kind        TEXT    NOT NULL,
    FileId      TEXT    NULL,
    FileNumber  INTEGER NULL,
    FileBranch  TEXT    NULL,
    Purpose     TEXT    NULL,
    Query       TEXT    NULL,
    Rows        INTEGER NULL,
    RequestId   TEXT    NULL,
    PrevHash    TEXT    NOT NULL,
    Hash        TEXT    NOT NULL,
    PRIMARY KEY (Chain, Seq)
);

CREATE INDEX IF NOT EXISTS IX_AccessLog_File ON AccessLog (FileId, At);
CREATE INDEX IF NOT EXISTS IX_AccessLog_FileNumber ON AccessLog (FileNumber, At);
CREATE INDEX IF NOT EXISTS IX_AccessLog_Subject ON AccessLog (Subject, At);
CREATE INDEX IF NOT EXISTS IX_AccessLog_At ON AccessLog (At);

-- Where each chain starts after a purge: its first kept entry and the hash it links back to.
-- One row per purge and chain; verification starts from the newest.
CREATE TABLE IF NOT EXISTS AccessLogStart
(
    Chain    TEXT    NOT NULL,
    FromSeq  INTEGER NOT NULL,
    PrevHash TEXT    NOT NULL,
    CutOff   TEXT    NOT NULL,
    PurgedAt TEXT    NOT NULL,
    PRIMARY KEY (Chain, FromSeq)
);
