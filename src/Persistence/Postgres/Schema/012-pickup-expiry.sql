-- PostgreSQL twin of Sqlite/Schema/009-pickup-expiry.sql (issue 18, points 4 and 5): since when a
-- file waits for its borrower at a requesting branch (filled once, for lines already waiting, from
-- their last change), and the request a notice is about.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = current_schema() AND table_name = 'cataloguefiles' AND column_name = 'awaitingpickupsince') THEN
        ALTER TABLE CatalogueFiles ADD COLUMN AwaitingPickupSince TEXT COLLATE "C" NULL;   -- ISO 8601 UTC, as DueAt
        UPDATE CatalogueFiles SET AwaitingPickupSince = UpdatedAt WHERE CirculationStage = 'AwaitingPickup';
    END IF;
END
$$;

CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_AwaitingPickup ON CatalogueFiles (AwaitingPickupSince) WHERE AwaitingPickupSince IS NOT NULL;

ALTER TABLE LoanNotices ADD COLUMN IF NOT EXISTS RequestId TEXT NULL;
