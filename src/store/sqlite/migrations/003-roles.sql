-- 003: roles (with their attachments, inline policies and boundaries, like users'), instance
-- profiles (at most one role each) and the deletion tasks of service-linked roles.

CREATE TABLE roles (
  role_id                  TEXT PRIMARY KEY,
  role_name                TEXT NOT NULL,
  role_name_lc             TEXT NOT NULL UNIQUE,
  path                     TEXT NOT NULL,
  trust_policy             TEXT NOT NULL, -- verbatim
  description              TEXT,
  max_session_duration     INTEGER NOT NULL,
  create_date              TEXT NOT NULL,
  permissions_boundary_arn TEXT,
  last_used_date           TEXT,
  last_used_region         TEXT,
  linked_service           TEXT, -- the AWS service of a service-linked role (AWSServiceName)
  tags                     TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE INDEX roles_by_boundary ON roles (permissions_boundary_arn) WHERE permissions_boundary_arn IS NOT NULL;

CREATE TABLE role_policy_attachments (
  role_id        TEXT NOT NULL REFERENCES roles (role_id) ON DELETE RESTRICT,
  policy_arn     TEXT NOT NULL,
  policy_id      TEXT REFERENCES policies (policy_id) ON DELETE RESTRICT,
  policy_name_lc TEXT NOT NULL,
  policy_path    TEXT NOT NULL,
  PRIMARY KEY (role_id, policy_arn)
) STRICT, WITHOUT ROWID;

CREATE INDEX role_policy_attachments_by_arn ON role_policy_attachments (policy_arn, role_id);
CREATE INDEX role_policy_attachments_by_policy ON role_policy_attachments (policy_id) WHERE policy_id IS NOT NULL;

CREATE TABLE role_inline_policies (
  role_id        TEXT NOT NULL REFERENCES roles (role_id) ON DELETE RESTRICT,
  policy_name    TEXT NOT NULL,
  policy_name_lc TEXT NOT NULL,
  document       TEXT NOT NULL, -- verbatim
  PRIMARY KEY (role_id, policy_name_lc)
) STRICT, WITHOUT ROWID;

-- RESTRICT: a role is deleted only once no instance profile holds it (DeleteConflict first).
CREATE TABLE instance_profiles (
  instance_profile_id      TEXT PRIMARY KEY,
  instance_profile_name    TEXT NOT NULL,
  instance_profile_name_lc TEXT NOT NULL UNIQUE,
  path                     TEXT NOT NULL,
  create_date              TEXT NOT NULL,
  role_id                  TEXT REFERENCES roles (role_id) ON DELETE RESTRICT,
  tags                     TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE INDEX instance_profiles_by_role ON instance_profiles (role_id, instance_profile_name_lc)
  WHERE role_id IS NOT NULL;

-- DeleteServiceLinkedRole's tasks, kept so GetServiceLinkedRoleDeletionStatus can answer.
CREATE TABLE slr_deletion_tasks (
  task_id     TEXT PRIMARY KEY,
  status      TEXT NOT NULL CHECK (status IN ('SUCCEEDED', 'IN_PROGRESS', 'FAILED', 'NOT_STARTED')),
  create_date TEXT NOT NULL
) STRICT;
