-- 006: console sign-in. The root's email and password (one row), and console sessions.

-- At most one row: absent until the first start sets the root's email and password.
CREATE TABLE root_login (
  singleton             INTEGER PRIMARY KEY CHECK (singleton = 1),
  email                 TEXT NOT NULL,
  password_hash         TEXT NOT NULL, -- PasswordHasher output, never a plaintext password
  password_changed_date TEXT NOT NULL,
  password_last_used    TEXT
) STRICT;

-- Console sessions and the short-lived sign-in challenges (the MFA step, a forced password
-- change). The token itself is never stored: only its SHA-256. No foreign key to users: a
-- session of a deleted user is refused when it is next used (the principal is looked up each
-- time), and DeleteUser must not be blocked by sessions.
CREATE TABLE console_sessions (
  token_hash     TEXT PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('session', 'mfa', 'password-change')),
  principal      TEXT NOT NULL, -- a user id, or 'root'
  created_at     TEXT NOT NULL,
  last_seen_at   TEXT NOT NULL,
  expires_at     TEXT NOT NULL, -- absolute expiry
  mfa_at         TEXT,          -- when an MFA code was verified in this sign-in
  source_ip      TEXT NOT NULL
) STRICT;

CREATE INDEX console_sessions_by_principal ON console_sessions (principal);
CREATE INDEX console_sessions_by_expiry ON console_sessions (expires_at);
