-- 010: the account's credential report. One row for its state; its CSV in parts (one per page of
-- users), so generation streams through the users without holding the whole report in memory.

-- At most one row: absent until the first GenerateCredentialReport.
CREATE TABLE credential_report (
  singleton      INTEGER PRIMARY KEY CHECK (singleton = 1),
  generation     INTEGER NOT NULL, -- moves forward at each start; a job writes only its own
  state          TEXT NOT NULL CHECK (state IN ('INPROGRESS', 'COMPLETE')),
  started_at     TEXT NOT NULL,
  generated_time TEXT              -- set when COMPLETE
) STRICT;

-- The CSV of the current generation, concatenated in seq order.
CREATE TABLE credential_report_parts (
  generation INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  csv        TEXT NOT NULL,
  PRIMARY KEY (generation, seq)
) STRICT;
