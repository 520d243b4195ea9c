-- The audit log's signed checkpoints, the PostgreSQL twin of Sqlite/Schema/007-audit-checkpoints.sql.
-- Each row is a statement of the chain heads at a moment (JSON, stored byte for byte as it was
-- signed) and its ECDSA P-256 signature, made with a key kept outside the database: whoever can
-- write the database can delete a checkpoint, but can neither forge one nor change one unnoticed.
-- Append-only like the log (the triggers use 005's audit_log_refuse_change); safe to run on every
-- start: nothing is dropped, no row is changed.

CREATE TABLE IF NOT EXISTS AuditCheckpoint
(
    Number    bigint NOT NULL,
    Statement text   NOT NULL,
    Signature text   NOT NULL,   -- base64 of the DER-encoded signature over Statement

    CONSTRAINT PK_AuditCheckpoint PRIMARY KEY (Number)
);

DO $do$
DECLARE
    wanted record;
    enabled "char";
BEGIN
    FOR wanted IN
        SELECT * FROM (VALUES
            ('auditcheckpoint_noupdate',   'BEFORE UPDATE ON AuditCheckpoint FOR EACH ROW'),
            ('auditcheckpoint_nodelete',   'BEFORE DELETE ON AuditCheckpoint FOR EACH ROW'),
            ('auditcheckpoint_notruncate', 'BEFORE TRUNCATE ON AuditCheckpoint FOR EACH STATEMENT')
        ) AS t (name, timing)
    LOOP
        SELECT tgenabled INTO enabled
        FROM pg_trigger
        WHERE tgrelid = 'AuditCheckpoint'::regclass AND tgname = wanted.name;
        IF NOT FOUND THEN
            EXECUTE format('CREATE TRIGGER %I %s EXECUTE FUNCTION audit_log_refuse_change()', wanted.name, wanted.timing);
        ELSIF enabled = 'D' THEN
            EXECUTE format('ALTER TABLE AuditCheckpoint ENABLE TRIGGER %I', wanted.name);
        END IF;
    END LOOP;
END
$do$;
