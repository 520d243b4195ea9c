-- The summary counts overdue files by branch (one figure per branch on the dashboard). The older
-- overdue index (Status, DueAt) held no branch, so that count read the row of every overdue file:
-- 171 ms of the summary's time at a million files (docs/benchmarks.md). 006 now creates
-- IX_CatalogueFiles_OverdueByBranch, the same range with the branch included, an index-only scan;
-- databases made before drop the older index here, so a checkout maintains one overdue index, not two.
DROP INDEX IF EXISTS IX_CatalogueFiles_Overdue;
