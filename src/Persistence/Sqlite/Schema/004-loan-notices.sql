-- Notices to a borrower's branch about a loan: due soon, then overdue. One per file, kind and due
-- date (a renewed loan that falls due again gets new ones), so writing one twice changes nothing.
CREATE TABLE IF NOT EXISTS LoanNotices
(
    FileId     TEXT    NOT NULL,
    Kind       TEXT    NOT NULL,   -- DueSoon | Overdue
    DueAt      TEXT    NOT NULL,   -- ISO 8601 UTC, as in CatalogueFiles.DueAt
    Branch     TEXT    NOT NULL,   -- the borrower's branch (where the loan was made)
    FileNumber INTEGER NOT NULL,
    LoanId     TEXT    NOT NULL,
    Borrower   TEXT    NOT NULL,
    At         TEXT    NOT NULL,   -- when the notice was raised
    PRIMARY KEY (FileId, Kind, DueAt)
);

CREATE INDEX IF NOT EXISTS IX_LoanNotices_Branch ON LoanNotices (Branch, At);
