-- applies-when: SELECT COUNT(*) = 0 FROM pragma_table_info('LoanNotices') WHERE name = 'DispatchedAt'
-- Notices that reach people (issue 19): subscriptions, and the delivery pipeline's outbox.
-- LoanNotices is the outbox (a row is written once per event); DispatchedAt marks the notices the
-- dispatcher has turned into deliveries, in the same transaction as those deliveries, so a crash
-- between the two leaves the notice undispatched and it is dispatched again, never lost.
-- Notices stored before this script are marked dispatched: there were no subscriptions to send to.
-- SQLite has no ADD COLUMN IF NOT EXISTS, so this script runs only while the column is missing.

ALTER TABLE LoanNotices ADD COLUMN DispatchedAt TEXT NULL;   -- ISO 8601 UTC; null: not dispatched yet
UPDATE LoanNotices SET DispatchedAt = At;
CREATE INDEX IF NOT EXISTS IX_LoanNotices_Undispatched ON LoanNotices (At) WHERE DispatchedAt IS NULL;

-- Who wants which notices, and how (see NoticeSubscription). Secret: a webhook's signing key,
-- shown once when created and read only by the sender.
CREATE TABLE IF NOT EXISTS NoticeSubscriptions
(
    Id          TEXT    NOT NULL PRIMARY KEY,
    Branch      TEXT    NULL,              -- null: head office, every branch
    Channel     TEXT    NOT NULL,          -- Webhook | Email
    Target      TEXT    NOT NULL,          -- URL or e-mail address
    Kinds       TEXT    NOT NULL,          -- comma-separated notice kinds; empty: all
    Language    TEXT    NOT NULL,          -- zh-CN | en
    DailyDigest INTEGER NOT NULL,
    Enabled     INTEGER NOT NULL,
    Secret      TEXT    NULL,
    CreatedBy   TEXT    NOT NULL,
    CreatedAt   TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS IX_NoticeSubscriptions_Branch ON NoticeSubscriptions (Branch);

-- One row per notice and subscription (the notice's key names it in LoanNotices). The retry
-- schedule lives here, so it survives restarts: Pending rows are sent when NextAttemptAt comes.
CREATE TABLE IF NOT EXISTS NoticeDeliveries
(
    SubscriptionId TEXT    NOT NULL,
    NoticeId       TEXT    NOT NULL,        -- the notice's stable id (ntc_…)
    FileId         TEXT    NOT NULL,        -- the notice's key in LoanNotices (FileId, Kind, DueAt)
    Kind           TEXT    NOT NULL,
    DueAt          TEXT    NOT NULL,
    Branch         TEXT    NOT NULL,        -- the notice's branch
    Status         TEXT    NOT NULL,        -- Pending | Delivered | Parked
    Attempts       INTEGER NOT NULL,
    NextAttemptAt  TEXT    NULL,            -- Pending only
    LastError      TEXT    NULL,
    LastStatusCode INTEGER NULL,
    DeliveredAt    TEXT    NULL,
    CreatedAt      TEXT    NOT NULL,
    PRIMARY KEY (SubscriptionId, NoticeId)
);

CREATE INDEX IF NOT EXISTS IX_NoticeDeliveries_Due ON NoticeDeliveries (NextAttemptAt) WHERE Status = 'Pending';
CREATE INDEX IF NOT EXISTS IX_NoticeDeliveries_Parked ON NoticeDeliveries (CreatedAt) WHERE Status = 'Parked';
CREATE INDEX IF NOT EXISTS IX_NoticeDeliveries_Log ON NoticeDeliveries (SubscriptionId, CreatedAt);
