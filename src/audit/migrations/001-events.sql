-- The event log (events.db, one file for all accounts). Times are milliseconds since the epoch
-- (range scans on an integer); resources, statements and checks are JSON arrays.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  time_ms INTEGER NOT NULL,
  request_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  account_id TEXT,
  principal_arn TEXT,
  access_key_id TEXT,
  source_ip TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  service TEXT NOT NULL,
  action TEXT NOT NULL,
  resources TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('Allow', 'Deny', 'none')),
  decided_by TEXT,
  statements TEXT NOT NULL,
  checks TEXT NOT NULL,
  error_code TEXT,
  error_message TEXT,
  status INTEGER NOT NULL,
  latency_ms REAL NOT NULL
) STRICT;

CREATE INDEX events_time ON events (time_ms);
CREATE INDEX events_request ON events (request_id);
CREATE INDEX events_account ON events (account_id, seq);
CREATE INDEX events_principal ON events (principal_arn, seq);
