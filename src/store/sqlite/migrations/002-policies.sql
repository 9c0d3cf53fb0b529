-- 002: customer managed policies and their versions, attachments of managed policies (customer or
-- AWS, by ARN) to users and groups, inline policies of users and groups, and the authorization
-- epoch. Roles get theirs in a later step.

CREATE TABLE policies (
  policy_id        TEXT PRIMARY KEY,
  policy_name      TEXT NOT NULL,
  policy_name_lc   TEXT NOT NULL UNIQUE,
  arn              TEXT NOT NULL UNIQUE,
  path             TEXT NOT NULL,
  description      TEXT,
  create_date      TEXT NOT NULL,
  update_date      TEXT NOT NULL,
  default_version  INTEGER NOT NULL, -- the N of vN
  last_version     INTEGER NOT NULL, -- the highest N ever given: numbers are never reused
  tags             TEXT NOT NULL DEFAULT '[]'
) STRICT;

-- RESTRICT: a policy goes only once its non-default versions are gone (the repo deletes the
-- default one with the policy).
CREATE TABLE policy_versions (
  policy_id   TEXT NOT NULL REFERENCES policies (policy_id) ON DELETE RESTRICT,
  version     INTEGER NOT NULL,
  document    TEXT NOT NULL, -- verbatim
  create_date TEXT NOT NULL,
  PRIMARY KEY (policy_id, version)
) STRICT, WITHOUT ROWID;

-- policy_id is set when the ARN is a stored customer managed policy (NULL for AWS managed ones):
-- it makes deleting an attached policy fail, and joins to the default version in one step.
-- policy_name_lc and policy_path come from the ARN: the sort key and the PathPrefix filter.
CREATE TABLE user_policy_attachments (
  user_id        TEXT NOT NULL REFERENCES users (user_id) ON DELETE RESTRICT,
  policy_arn     TEXT NOT NULL,
  policy_id      TEXT REFERENCES policies (policy_id) ON DELETE RESTRICT,
  policy_name_lc TEXT NOT NULL,
  policy_path    TEXT NOT NULL,
  PRIMARY KEY (user_id, policy_arn)
) STRICT, WITHOUT ROWID;

CREATE INDEX user_policy_attachments_by_arn ON user_policy_attachments (policy_arn, user_id);
CREATE INDEX user_policy_attachments_by_policy ON user_policy_attachments (policy_id) WHERE policy_id IS NOT NULL;

CREATE TABLE group_policy_attachments (
  group_id       TEXT NOT NULL REFERENCES groups (group_id) ON DELETE RESTRICT,
  policy_arn     TEXT NOT NULL,
  policy_id      TEXT REFERENCES policies (policy_id) ON DELETE RESTRICT,
  policy_name_lc TEXT NOT NULL,
  policy_path    TEXT NOT NULL,
  PRIMARY KEY (group_id, policy_arn)
) STRICT, WITHOUT ROWID;

CREATE INDEX group_policy_attachments_by_arn ON group_policy_attachments (policy_arn, group_id);
CREATE INDEX group_policy_attachments_by_policy ON group_policy_attachments (policy_id) WHERE policy_id IS NOT NULL;

-- Inline policy names are unique per entity case-insensitively (the name is kept as given).
CREATE TABLE user_inline_policies (
  user_id        TEXT NOT NULL REFERENCES users (user_id) ON DELETE RESTRICT,
  policy_name    TEXT NOT NULL,
  policy_name_lc TEXT NOT NULL,
  document       TEXT NOT NULL, -- verbatim
  PRIMARY KEY (user_id, policy_name_lc)
) STRICT, WITHOUT ROWID;

CREATE TABLE group_inline_policies (
  group_id       TEXT NOT NULL REFERENCES groups (group_id) ON DELETE RESTRICT,
  policy_name    TEXT NOT NULL,
  policy_name_lc TEXT NOT NULL,
  document       TEXT NOT NULL, -- verbatim
  PRIMARY KEY (group_id, policy_name_lc)
) STRICT, WITHOUT ROWID;

-- PermissionsBoundaryUsageCount and ListEntitiesForPolicy's boundary usage.
CREATE INDEX users_by_boundary ON users (permissions_boundary_arn) WHERE permissions_boundary_arn IS NOT NULL;

-- Exactly one row, never deleted (wipeAll moves it forward too): see StoreTx.authzEpoch.
CREATE TABLE authz_epoch (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  epoch     INTEGER NOT NULL
) STRICT;

INSERT INTO authz_epoch (singleton, epoch) VALUES (1, 1);
