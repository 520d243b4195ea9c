-- The audit log: append-only and hash-chained, the PostgreSQL twin of Sqlite/002-audit-log.sql.
--
-- Contract with RelationalAuditLog (the same SQL for both stores): it inserts whole rows with an
-- explicit Seq (1, 2, 3, ... under an advisory lock), skips EntryIds already stored, and reads
-- rows back by position. Each row's Hash covers its own content and the previous row's Hash (see
-- AuditChain), so a changed or deleted row breaks the chain there. The triggers stop ordinary
-- updates, deletes and truncation; a role that may drop or disable them (the table owner, a
-- superuser) could still tamper, which the chain then reveals.
--
-- Safe to run on every start: table, indexes and triggers are only created when missing; the
-- trigger function is replaced by the current one. No rows are changed.

-- Every value is text as in SQLite, so the hash input read back is byte-identical in both stores.
-- At holds an ISO-8601 UTC timestamp with fixed width; COLLATE "C" makes its ordering (range
-- filters, IX_AuditLog_At) plain byte order like SQLite's, whatever the database's locale.
CREATE TABLE IF NOT EXISTS AuditLog
(
    Seq         bigint NOT NULL,
    EntryId     text   NOT NULL,
    At          text   COLLATE "C" NOT NULL,
    Actor       text   NOT NULL,
    Roles       text   NOT NULL,
    ActorBranch text   NULL,
    Action      text   NOT NULL,
    FileId      text   NULL,
    Branch      text   NULL,
    Outcome     text   NOT NULL,
    Detail      text   NULL,
    RequestId   text   NULL,
    PrevHash    text   NOT NULL,
    Hash        text   NOT NULL,

    CONSTRAINT PK_AuditLog PRIMARY KEY (Seq),
    CONSTRAINT UQ_AuditLog_EntryId UNIQUE (EntryId)
);

CREATE INDEX IF NOT EXISTS IX_AuditLog_FileId ON AuditLog (FileId, Seq);
CREATE INDEX IF NOT EXISTS IX_AuditLog_Actor ON AuditLog (Actor, Seq);
CREATE INDEX IF NOT EXISTS IX_AuditLog_Branch ON AuditLog (Branch, Seq);
CREATE INDEX IF NOT EXISTS IX_AuditLog_At ON AuditLog (At);
-- Lists of one kind of act, e.g. head office's recent re-classifications.
CREATE INDEX IF NOT EXISTS IX_AuditLog_Action ON AuditLog (Action, Seq);

CREATE OR REPLACE FUNCTION audit_log_refuse_change()
RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only: % is not allowed.', TG_OP;
END
$fn$;

-- The triggers are created only when missing (and re-enabled if someone disabled one) rather than
-- dropped and created on every start: DROP TRIGGER takes an exclusive lock on the table and would
-- make a starting silo wait for, and then stall, every running audit query. TRUNCATE fires no row
-- triggers, hence its own statement-level one.
DO $do$
DECLARE
    wanted record;
    enabled "char";
BEGIN
    FOR wanted IN
        SELECT * FROM (VALUES
            ('auditlog_noupdate',   'BEFORE UPDATE ON AuditLog FOR EACH ROW'),
            ('auditlog_nodelete',   'BEFORE DELETE ON AuditLog FOR EACH ROW'),
            ('auditlog_notruncate', 'BEFORE TRUNCATE ON AuditLog FOR EACH STATEMENT')
        ) AS t (name, timing)
    LOOP
        SELECT tgenabled INTO enabled
        FROM pg_trigger
        WHERE tgrelid = 'AuditLog'::regclass AND tgname = wanted.name;
        IF NOT FOUND THEN
            EXECUTE format('CREATE TRIGGER %I %s EXECUTE FUNCTION audit_log_refuse_change()', wanted.name, wanted.timing);
        ELSIF enabled = 'D' THEN
            EXECUTE format('ALTER TABLE AuditLog ENABLE TRIGGER %I', wanted.name);
        END IF;
    END LOOP;
END
$do$;
