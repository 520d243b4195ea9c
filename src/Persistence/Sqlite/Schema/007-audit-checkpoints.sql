-- The audit log's signed checkpoints (AuditCheckpointGrain; docs/security.md). Each row is a
-- statement of the chain heads at a moment (JSON, UTF-8, stored byte for byte as it was signed)
-- and its ECDSA P-256 signature, made with a key kept outside this database: whoever can write
-- this file can delete a checkpoint, but can neither forge one nor change one unnoticed.
-- Append-only like the log itself; numbered 1, 2, 3... by the one writer, so a gap shows a deletion.

CREATE TABLE IF NOT EXISTS AuditCheckpoint
(
    Number    INTEGER NOT NULL PRIMARY KEY,
    Statement TEXT    NOT NULL,
    Signature TEXT    NOT NULL   -- base64 of the DER-encoded signature over Statement
);

CREATE TRIGGER IF NOT EXISTS AuditCheckpoint_NoUpdate BEFORE UPDATE ON AuditCheckpoint
BEGIN
    SELECT RAISE(ABORT, 'Audit checkpoints are append-only.');
END;

CREATE TRIGGER IF NOT EXISTS AuditCheckpoint_NoDelete BEFORE DELETE ON AuditCheckpoint
BEGIN
    SELECT RAISE(ABORT, 'Audit checkpoints are append-only.');
END;
