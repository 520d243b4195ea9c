-- The access log, the PostgreSQL twin of Sqlite/Schema/012-access-log.sql (read it for the why).
-- Every value the hash covers is text or bigint as in SQLite, so the hash input read back is
-- identical in both stores; At orders as bytes (COLLATE "C"), whatever the database's locale.
-- Appends to one chain are serialised by a transaction-scoped advisory lock per chain
-- (pg_advisory_xact_lock(7310216, shard)), so silos write different chains in parallel.
-- Safe to run on every start: only creates what is missing.

CREATE TABLE IF NOT EXISTS AccessLog
(
    Chain       text   NOT NULL,
    Seq         bigint NOT NULL,
    At          text   COLLATE "C" NOT NULL,
    Subject     text   NOT NULL,
    Roles       text   NOT NULL,
    ActorBranch text   NULL,
    Kind        text   NOT NULL,
    FileId      text   NULL,
    FileNumber  bigint NULL,
    FileBranch  text   NULL,
    Purpose     text   NULL,
    Query       text   NULL,
    Rows        bigint NULL,
    RequestId   text   NULL,
    PrevHash    text   NOT NULL,
    Hash        text   NOT NULL,

    CONSTRAINT PK_AccessLog PRIMARY KEY (Chain, Seq)
);

CREATE INDEX IF NOT EXISTS IX_AccessLog_File ON AccessLog (FileId, At);
CREATE INDEX IF NOT EXISTS IX_AccessLog_FileNumber ON AccessLog (FileNumber, At);
CREATE INDEX IF NOT EXISTS IX_AccessLog_Subject ON AccessLog (Subject, At);
CREATE INDEX IF NOT EXISTS IX_AccessLog_At ON AccessLog (At);

CREATE TABLE IF NOT EXISTS AccessLogStart
(
    Chain    text   NOT NULL,
    FromSeq  bigint NOT NULL,
    PrevHash text   NOT NULL,
    CutOff   text   NOT NULL,
    PurgedAt text   NOT NULL,

    CONSTRAINT PK_AccessLogStart PRIMARY KEY (Chain, FromSeq)
);
