-- PostgreSQL twin of Sqlite/Schema/008-catalogue-whereabouts.sql: where each file is now (issue 18),
-- the holding branch (Location, null on the road), where it goes next (Destination) and the stage of
-- its journey. Lines already in the catalogue are filled once from the stored file states, by the
-- same rule as CirculationRules.WhereaboutsOf, when the columns are added.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = current_schema() AND table_name = 'cataloguefiles' AND column_name = 'circulationstage') THEN
        ALTER TABLE CatalogueFiles ADD COLUMN Location TEXT NULL;
        ALTER TABLE CatalogueFiles ADD COLUMN Destination TEXT NULL;
        ALTER TABLE CatalogueFiles ADD COLUMN CirculationStage TEXT NOT NULL DEFAULT 'AtHome';

        UPDATE CatalogueFiles SET Location = Branch;

        UPDATE CatalogueFiles
        SET CirculationStage = w.Stage, Location = w.Location, Destination = w.Destination
        FROM (
            SELECT FileId,
                   CASE WHEN TransitTo IS NOT NULL THEN 'InTransit'
                        WHEN AwayAt IS NOT NULL THEN CASE Status WHEN 'AwaitingPickup' THEN 'AwaitingPickup'
                                                                 WHEN 'AwaitingDispatch' THEN 'AwaitingDispatchHome'
                                                                 ELSE 'OnLoanAway' END
                        WHEN Status = 'OnShelf' AND NextPickup IS NOT NULL AND NextPickup <> Home THEN 'AwaitingDispatch'
                        ELSE 'AtHome' END AS Stage,
                   CASE WHEN TransitTo IS NOT NULL THEN NULL ELSE COALESCE(AwayAt, Home) END AS Location,
                   CASE WHEN TransitTo IS NOT NULL THEN TransitTo
                        WHEN AwayAt IS NOT NULL AND Status = 'AwaitingDispatch' THEN Home
                        WHEN AwayAt IS NULL AND Status = 'OnShelf' AND NextPickup IS NOT NULL AND NextPickup <> Home THEN NextPickup
                        ELSE NULL END AS Destination
            FROM (SELECT GrainIdExtensionString AS FileId,
                         State -> 'transit' ->> 'to' AS TransitTo, State ->> 'awayAt' AS AwayAt, State ->> 'status' AS Status,
                         State -> 'requests' -> 0 ->> 'pickupBranch' AS NextPickup, State ->> 'branch' AS Home
                  FROM (SELECT GrainIdExtensionString, convert_from(PayloadBinary, 'UTF8')::jsonb AS State FROM OrleansStorage
                        WHERE GrainTypeString = 'customer-file' AND GrainIdN0 = 0 AND GrainIdN1 = 0 AND PayloadBinary IS NOT NULL) s) f
        ) AS w
        WHERE CatalogueFiles.FileId = w.FileId;

        CREATE TABLE IF NOT EXISTS CatalogueLocationCounts
        (
            Branch TEXT   NOT NULL,   -- the holding branch, or the destination of a file on the road
            Stage  TEXT   NOT NULL,
            Files  BIGINT NOT NULL,
            PRIMARY KEY (Branch, Stage)
        );
        DELETE FROM CatalogueLocationCounts;
        INSERT INTO CatalogueLocationCounts (Branch, Stage, Files)
        SELECT COALESCE(Location, Destination, ''), CirculationStage, COUNT(*) FROM CatalogueFiles GROUP BY 1, 2;
    END IF;
END
$$;

-- "What is at branch B now" and "what is on its way to B", each in file-number order.
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_Location ON CatalogueFiles (Location, CirculationStage, FileNumber);
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_Destination ON CatalogueFiles (Destination, CirculationStage, FileNumber) WHERE Destination IS NOT NULL;
