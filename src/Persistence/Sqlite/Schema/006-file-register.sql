-- Every file's borrow register and chain of custody, whole. The file's grain state holds only the
-- entries of its latest change until they are here; both are written in one transaction.
-- Loans are keyed by loan id (a return rewrites its loan's entry); custody events by a digest of their content.
CREATE TABLE IF NOT EXISTS FileRegister
(
    FileId   TEXT    NOT NULL,
    Kind     TEXT    NOT NULL,   -- loan | custody
    EntryKey TEXT    NOT NULL,   -- the loan id, or the SHA-256 of the custody event's JSON
    Seq      INTEGER NOT NULL,   -- the file's entries of a kind in the order they were made (1, 2, ...)
    Payload  TEXT    NOT NULL,   -- the entry as JSON, as grain state stores it
    PRIMARY KEY (FileId, Kind, EntryKey)
);

CREATE INDEX IF NOT EXISTS IX_FileRegister_Order ON FileRegister (FileId, Kind, Seq);
