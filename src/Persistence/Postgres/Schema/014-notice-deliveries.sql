-- PostgreSQL twin of Sqlite/Schema/011-notice-deliveries.sql (issue 19): the dispatch mark on
-- notices (notices stored before it are marked dispatched once: there were no subscriptions),
-- subscriptions, and deliveries with their durable retry schedule.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = current_schema() AND table_name = 'loannotices' AND column_name = 'dispatchedat') THEN
        ALTER TABLE LoanNotices ADD COLUMN DispatchedAt TEXT COLLATE "C" NULL;   -- ISO 8601 UTC; null: not dispatched yet
        UPDATE LoanNotices SET DispatchedAt = At;
    END IF;
END
$$;

CREATE INDEX IF NOT EXISTS IX_LoanNotices_Undispatched ON LoanNotices (At) WHERE DispatchedAt IS NULL;

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
    CreatedAt   TEXT    COLLATE "C" NOT NULL
);

CREATE INDEX IF NOT EXISTS IX_NoticeSubscriptions_Branch ON NoticeSubscriptions (Branch);

CREATE TABLE IF NOT EXISTS NoticeDeliveries
(
    SubscriptionId TEXT    NOT NULL,
    NoticeId       TEXT    NOT NULL,
    FileId         TEXT    NOT NULL,
    Kind           TEXT    NOT NULL,
    DueAt          TEXT    COLLATE "C" NOT NULL,
    Branch         TEXT    NOT NULL,
    Status         TEXT    NOT NULL,        -- Pending | Delivered | Parked
    Attempts       INTEGER NOT NULL,
    NextAttemptAt  TEXT    COLLATE "C" NULL,
    LastError      TEXT    NULL,
    LastStatusCode INTEGER NULL,
    DeliveredAt    TEXT    COLLATE "C" NULL,
    CreatedAt      TEXT    COLLATE "C" NOT NULL,
    PRIMARY KEY (SubscriptionId, NoticeId)
);

CREATE INDEX IF NOT EXISTS IX_NoticeDeliveries_Due ON NoticeDeliveries (NextAttemptAt) WHERE Status = 'Pending';
CREATE INDEX IF NOT EXISTS IX_NoticeDeliveries_Parked ON NoticeDeliveries (CreatedAt) WHERE Status = 'Parked';
CREATE INDEX IF NOT EXISTS IX_NoticeDeliveries_Log ON NoticeDeliveries (SubscriptionId, CreatedAt);
