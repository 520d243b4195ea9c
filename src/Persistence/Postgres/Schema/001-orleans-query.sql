-- The query catalogue of Orleans' ADO.NET providers, written for this project.
--
-- Contract: every provider (clustering, grain storage, reminders) starts by running
-- "SELECT QueryKey, QueryText FROM OrleansQuery" and afterwards issues only the texts it found
-- there, binding its parameters by name (@DeploymentId, @ServiceId, ...). The later scripts fill
-- the table; the providers fail on start if a key they need is missing.
--
-- Identifiers are left unquoted throughout, so PostgreSQL folds them to lower case (queryKey ->
-- querykey); Npgsql's reader matches the names the providers ask for case-insensitively.
--
-- Safe to run on every start: nothing here is dropped or rewritten.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,

    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);
