-- applies-when: SELECT COUNT(*) = 0 FROM pragma_table_info('CatalogueFiles') WHERE name = 'CirculationStage'
-- Where each file is now (issue 18): the branch holding it (Location, null on the road), where it
-- goes next (Destination) and the stage of its journey (CirculationStage, see
-- Contracts/Circulation/Whereabouts.cs). SQLite has no ADD COLUMN IF NOT EXISTS, so this script runs
-- only while the column is missing (the line above; SqliteSchema reads it). Lines already in the
-- catalogue are filled from the stored file states by the same rule as CirculationRules.WhereaboutsOf.

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
                 json_extract(State, '$.transit.to') AS TransitTo, json_extract(State, '$.awayAt') AS AwayAt,
                 json_extract(State, '$.status') AS Status, json_extract(State, '$.requests[0].pickupBranch') AS NextPickup,
                 json_extract(State, '$.branch') AS Home
          FROM (SELECT GrainIdExtensionString, CAST(PayloadBinary AS TEXT) AS State FROM OrleansStorage
                WHERE GrainTypeString = 'customer-file' AND GrainIdN0 = 0 AND GrainIdN1 = 0 AND PayloadBinary IS NOT NULL))
) AS w
WHERE CatalogueFiles.FileId = w.FileId;

-- "What is at branch B now" and "what is on its way to B", each in file-number order.
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_Location ON CatalogueFiles (Location, CirculationStage, FileNumber);
CREATE INDEX IF NOT EXISTS IX_CatalogueFiles_Destination ON CatalogueFiles (Destination, CirculationStage, FileNumber) WHERE Destination IS NOT NULL;

-- The summary's counts by where the files are: Branch is the holding branch, or the destination
-- of a file on the road (Stage 'InTransit'). Moved in the same transaction as the lines.
CREATE TABLE IF NOT EXISTS CatalogueLocationCounts
(
    Branch TEXT    NOT NULL,
    Stage  TEXT    NOT NULL,
    Files  INTEGER NOT NULL,
    PRIMARY KEY (Branch, Stage)
);

INSERT INTO CatalogueLocationCounts (Branch, Stage, Files)
SELECT COALESCE(Location, Destination, ''), CirculationStage, COUNT(*) FROM CatalogueFiles GROUP BY COALESCE(Location, Destination, ''), CirculationStage;
