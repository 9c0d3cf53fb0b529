-- 009: access advisor. Each principal's (user id or role id) latest use of each service, and of
-- each action of the tracked services (action '' is the service-level row), written in batches by
-- the tracker; and GenerateServiceLastAccessedDetails jobs with their computed report.
-- No foreign keys: a deleted user's or role's rows are simply never asked for again (ids are
-- never reused), and the tracker must never fail a batch because an entity went meanwhile.

CREATE TABLE service_access (
  principal_id TEXT NOT NULL,
  service      TEXT NOT NULL,
  action       TEXT NOT NULL DEFAULT '',
  last_at      TEXT NOT NULL,
  region       TEXT NOT NULL,
  entity_arn   TEXT NOT NULL,
  PRIMARY KEY (principal_id, service, action)
) STRICT, WITHOUT ROWID;

CREATE INDEX service_access_by_time ON service_access (last_at);

CREATE TABLE access_report_jobs (
  job_id          TEXT PRIMARY KEY,
  arn             TEXT NOT NULL,
  granularity     TEXT NOT NULL CHECK (granularity IN ('SERVICE_LEVEL', 'ACTION_LEVEL')),
  requested_by    TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('IN_PROGRESS', 'COMPLETED', 'FAILED')),
  create_date     TEXT NOT NULL,
  completion_date TEXT,
  report          TEXT,
  error_code      TEXT,
  error_message   TEXT
) STRICT;

CREATE INDEX access_report_jobs_by_date ON access_report_jobs (create_date);
