-- The audit log's branch filter is "Branch = @branch OR ActorBranch = @branch": SQLite answers an
-- OR from indexes only when every side has one, and ActorBranch has none, so IX_AuditLog_Branch
-- served no query (EXPLAIN QUERY PLAN: a scan either way) while every append paid for it, about
-- one page per audited change. 002 no longer creates it; databases made before drop it here.
DROP INDEX IF EXISTS IX_AuditLog_Branch;
