-- 008: workloads. A process, container or VM standing in for an EC2 instance (or a container task)
-- is bound to an instance profile or a role BY NAME, as an instance is to its profile: deleting
-- the profile or the role is not blocked by it, and the workload's next credential request is then
-- refused. The bearer token is never stored: only its SHA-256. The IMDS listener's port is kept so
-- the server reopens the same endpoint at start.
CREATE TABLE workloads (
  workload_id  TEXT PRIMARY KEY, -- i- followed by 17 lowercase hex digits
  binding_kind TEXT NOT NULL CHECK (binding_kind IN ('instance-profile', 'role')),
  binding_name TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE, -- SHA-256 (hex) of the bearer token
  imds_port    INTEGER NOT NULL CHECK (imds_port BETWEEN 1 AND 65535),
  create_date  TEXT NOT NULL
) STRICT;
