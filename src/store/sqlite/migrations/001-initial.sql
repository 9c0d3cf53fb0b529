-- 001: the account, settings, users, groups and membership, access keys, login profiles.
-- Times are ISO-8601 UTC text with milliseconds (2026-01-02T03:04:05.678Z): readable, and they sort
-- correctly as text. Names are unique case-insensitively through a lower-cased *_lc column with a
-- UNIQUE index; the name itself is kept as given.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Exactly one row: this Warden serves one account.
CREATE TABLE account (
  singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
  account_id  TEXT NOT NULL,
  create_date TEXT NOT NULL,
  alias       TEXT
) STRICT;

CREATE TABLE users (
  user_id                  TEXT PRIMARY KEY,
  user_name                TEXT NOT NULL,
  user_name_lc             TEXT NOT NULL UNIQUE,
  path                     TEXT NOT NULL,
  create_date              TEXT NOT NULL,
  password_last_used       TEXT,
  permissions_boundary_arn TEXT,
  tags                     TEXT NOT NULL DEFAULT '[]' -- JSON [{"key":..,"value":..}], read with the user
) STRICT;

CREATE TABLE groups (
  group_id      TEXT PRIMARY KEY,
  group_name    TEXT NOT NULL,
  group_name_lc TEXT NOT NULL UNIQUE,
  path          TEXT NOT NULL,
  create_date   TEXT NOT NULL
) STRICT;

-- RESTRICT: a user or group is deleted only after its memberships (the action says DeleteConflict).
CREATE TABLE group_members (
  group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE RESTRICT,
  user_id  TEXT NOT NULL REFERENCES users (user_id) ON DELETE RESTRICT,
  PRIMARY KEY (group_id, user_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX group_members_by_user ON group_members (user_id, group_id);

-- user_id NULL = the account root's keys.
CREATE TABLE access_keys (
  access_key_id     TEXT PRIMARY KEY,
  user_id           TEXT REFERENCES users (user_id) ON DELETE RESTRICT,
  status            TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
  sealed_secret     TEXT NOT NULL,
  create_date       TEXT NOT NULL,
  last_used_date    TEXT,
  last_used_service TEXT,
  last_used_region  TEXT
) STRICT;

CREATE INDEX access_keys_by_user ON access_keys (user_id, create_date);

CREATE TABLE login_profiles (
  user_id                 TEXT PRIMARY KEY REFERENCES users (user_id) ON DELETE RESTRICT,
  password_hash           TEXT NOT NULL,
  create_date             TEXT NOT NULL,
  password_reset_required INTEGER NOT NULL CHECK (password_reset_required IN (0, 1)),
  password_changed_date   TEXT
) STRICT;
