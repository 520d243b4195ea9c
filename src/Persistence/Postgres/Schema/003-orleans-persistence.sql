-- Grain state for Orleans' ADO.NET grain storage provider (Orleans.Persistence.AdoNet), written
-- for this project.
--
-- Contract: the provider loads WriteToStorageKey, ReadFromStorageKey, ClearStorageKey and
-- DeleteStorageKey from OrleansQuery and binds @GrainIdHash, @GrainTypeHash (int), @GrainIdN0,
-- @GrainIdN1 (bigint), @GrainTypeString (the state name), @GrainIdExtensionString (the string
-- key or key extension, may be null), @ServiceId, @GrainStateVersion (the etag, null before the
-- first write) and, for writes, @PayloadBinary. Reads answer PayloadBinary and Version; writes,
-- clears and deletes answer NewGrainStateVersion in exactly one row on success and no row on a
-- version conflict: the provider takes a missing row (or an unchanged version) for a stale etag.
--
-- Safe to run on every start: the table is only created when missing; query texts are replaced by
-- the current ones.

-- One row per (service, state name, grain). Unlike the upstream layout (no key, lookups through
-- a hash index) the natural key is the primary key: it is what guarantees a single row per grain,
-- lets the first write be an INSERT ... ON CONFLICT, and gives logical replication an identity.
-- A null key extension is stored as '' (as in the SQLite store) so it can take part in the key;
-- the queries apply the same coalesce. The hashes are still stored, for parity with upstream rows.
-- Note: a btree key entry must stay under about 2.7 kB; real service ids, state names and grain
-- keys are far shorter than the column limits.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    ServiceId              varchar(150) NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainIdExtensionString varchar(512) NOT NULL DEFAULT '',
    GrainIdHash            integer      NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    PayloadBinary          bytea        NULL,     -- null after a clear
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NOT NULL,

    CONSTRAINT PK_OrleansStorage
        PRIMARY KEY (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Without an etag the grain has never written: insert version 1, unless a row already exists
-- (another activation won), in which case nothing is returned. With an etag: move exactly that
-- version on. The two branches exclude each other through @GrainStateVersion and each touches at
-- most the one primary-key row, so the statement answers one row or none, never more.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary, ModifiedOn = now(), Version = Version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = coalesce(@GrainIdExtensionString, '')
      AND Version = @GrainStateVersion
    RETURNING Version
),
inserted AS (
    INSERT INTO OrleansStorage
        (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString,
         GrainIdHash, GrainTypeHash, PayloadBinary, ModifiedOn, Version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''),
           @GrainIdHash, @GrainTypeHash, @PayloadBinary, now(), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString) DO NOTHING
    RETURNING Version
)
SELECT Version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT Version AS NewGrainStateVersion FROM inserted;
$q$),

-- No row means "never written": the provider then starts from a fresh state without an etag.
('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = coalesce(@GrainIdExtensionString, '');
$q$),

-- Clearing keeps the row with a null payload and moves the version on, so a stale activation
-- still fails its next write.
('ClearStorageKey', $q$
UPDATE OrleansStorage
SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = coalesce(@GrainIdExtensionString, '')
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
$q$),

-- Used instead of the clear when a storage is configured with DeleteStateOnClear. Answers the
-- deleted version + 1 so the provider sees a version different from its etag; it then forgets
-- the etag and the next write inserts version 1 again.
('DeleteStorageKey', $q$
DELETE FROM OrleansStorage
WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = coalesce(@GrainIdExtensionString, '')
  AND Version = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion;
$q$)

ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
