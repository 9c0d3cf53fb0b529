-- 005: the account password policy, each user's password history (reuse prevention), and virtual
-- MFA devices with their sealed TOTP seeds.

-- At most one row: absent = no custom policy (GetAccountPasswordPolicy says NoSuchEntity).
CREATE TABLE password_policy (
  singleton                      INTEGER PRIMARY KEY CHECK (singleton = 1),
  minimum_password_length        INTEGER NOT NULL,
  require_symbols                INTEGER NOT NULL CHECK (require_symbols IN (0, 1)),
  require_numbers                INTEGER NOT NULL CHECK (require_numbers IN (0, 1)),
  require_uppercase_characters   INTEGER NOT NULL CHECK (require_uppercase_characters IN (0, 1)),
  require_lowercase_characters   INTEGER NOT NULL CHECK (require_lowercase_characters IN (0, 1)),
  allow_users_to_change_password INTEGER NOT NULL CHECK (allow_users_to_change_password IN (0, 1)),
  max_password_age               INTEGER, -- days; NULL = passwords never expire
  password_reuse_prevention      INTEGER, -- NULL = no reuse prevention
  hard_expiry                    INTEGER NOT NULL CHECK (hard_expiry IN (0, 1))
) STRICT;

-- Hashes of the passwords a user has had, newest last (id order). The history outlives the login
-- profile (a re-created profile must not bring back an old password) but not the user.
CREATE TABLE password_history (
  id            INTEGER PRIMARY KEY,
  user_id       TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  password_hash TEXT NOT NULL,
  set_date      TEXT NOT NULL
) STRICT;

CREATE INDEX password_history_by_user ON password_history (user_id, id);

-- A virtual MFA device: unassigned (user_id NULL, root 0), assigned to an IAM user (user_id set)
-- or to the account root (root 1). RESTRICT: a user is deleted only once its devices are
-- deactivated. last_step is the last TOTP time step accepted: a code is never accepted twice.
CREATE TABLE mfa_devices (
  serial_number  TEXT PRIMARY KEY, -- the device ARN, exact
  device_name    TEXT NOT NULL,
  device_name_lc TEXT NOT NULL,
  path           TEXT NOT NULL,
  sealed_seed    TEXT NOT NULL,
  create_date    TEXT NOT NULL,
  user_id        TEXT REFERENCES users (user_id) ON DELETE RESTRICT,
  root           INTEGER NOT NULL DEFAULT 0 CHECK (root IN (0, 1)),
  enable_date    TEXT,
  last_step      INTEGER,
  tags           TEXT NOT NULL DEFAULT '[]',
  CHECK (NOT (root = 1 AND user_id IS NOT NULL)),
  UNIQUE (path, device_name_lc)
) STRICT;

CREATE INDEX mfa_devices_by_user ON mfa_devices (user_id) WHERE user_id IS NOT NULL;
