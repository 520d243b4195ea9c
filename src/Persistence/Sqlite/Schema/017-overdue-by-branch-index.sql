-- applies-when: SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'index' AND name = 'IX_CatalogueFiles_OverdueCount'
-- The summary counts overdue files by branch. The older count index (Status, DueAt) held no branch,
-- so that count read the row of every overdue file; 003 now creates IX_CatalogueFiles_OverdueByBranch,
-- the same range with the branch as its last column, which answers the count from the index alone.
-- Databases made before drop the older index here, so a checkout maintains one such index, not two.
DROP INDEX IF EXISTS IX_CatalogueFiles_OverdueCount;
