-- 004: STS sessions (temporary credentials). The secret is sealed, the token stored as a hash.
-- No foreign key to roles or users: deleting a role or user must not wait for its sessions, which
-- are then refused on their next call (their permissions are read live).

CREATE TABLE sessions (
  access_key_id       TEXT PRIMARY KEY,
  sealed_secret       TEXT NOT NULL,
  token_hash          TEXT NOT NULL,
  kind                TEXT NOT NULL CHECK (kind IN ('assumed-role', 'session-token', 'federated-user')),
  principal_id        TEXT NOT NULL,
  role_arn            TEXT,
  session_name        TEXT,
  issue_time          TEXT NOT NULL,
  expiration          TEXT NOT NULL,
  policy              TEXT,
  policy_arns         TEXT NOT NULL DEFAULT '[]',
  tags                TEXT NOT NULL DEFAULT '[]',
  transitive_tag_keys TEXT NOT NULL DEFAULT '[]',
  source_identity     TEXT,
  mfa_authenticated   INTEGER NOT NULL,
  mfa_auth_time       TEXT,
  chained_from        TEXT
) STRICT;

CREATE INDEX sessions_by_expiration ON sessions (expiration);
CREATE INDEX sessions_by_principal ON sessions (principal_id);
