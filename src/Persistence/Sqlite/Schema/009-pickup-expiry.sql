-- applies-when: SELECT COUNT(*) = 0 FROM pragma_table_info('CatalogueFiles') WHERE name = 'AwaitingPickupSince'
-- Pickup expiry and the circulation's exceptions (issue 18, points 4 and 5).
-- CatalogueFiles.AwaitingPickupSince: since when a file waits for its borrower at a requesting
-- branch (null unless its stage is AwaitingPickup), for the notice sweeper to find pickups that
-- expired. Lines already waiting count from their last change, as the file grain does for rows
-- stored before it kept the time of arrival (CustomerFileState.AwaitingPickupSince).
-- LoanNotices.RequestId: the request a RequestCancelled or PickupExpired notice is about.
-- SQLite has no ADD COLUMN IF NOT EXISTS, so this script runs only while the column is missing.

ALTER TABLE CatalogueFiles ADD COLUMN AwaitingPickupSince TEXT NULL;   -- ISO 8601 UTC, as DueAt
UPDATE CatalogueFiles SET AwaitingPickupSince = UpdatedAt WHERE CirculationStage = 'AwaitingPickup';
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_AwaitingPickup ON CatalogueFiles (AwaitingPickupSince) WHERE AwaitingPickupSince IS NOT NULL;

ALTER TABLE LoanNotices ADD COLUMN RequestId TEXT NULL;
