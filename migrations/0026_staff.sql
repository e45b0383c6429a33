-- Staff accounts for the dashboard: people, not API keys. A password is a salted PBKDF2 hash with its parameters;
-- NULL until the invited person sets one. Sessions and invites store only hashes of their tokens.
CREATE TABLE staff_users (
  id TEXT PRIMARY KEY NOT NULL,
  email TEXT NOT NULL COLLATE NOCASE UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'support', 'warehouse')),
  -- JSON array of location ids a warehouse user works at; NULL for the other roles (every location).
  locations TEXT,
  password_hash TEXT,
  status TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'active', 'disabled')),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES staff_users(id),
  -- Sent back in every form: a cross-site page cannot read it, so it cannot forge a post.
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions (user_id);

CREATE TABLE staff_invites (
  token_hash TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES staff_users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX staff_invites_user ON staff_invites (user_id);

-- Order list views a user saved (the query string of the list).
CREATE TABLE staff_saved_views (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES staff_users(id),
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX staff_saved_views_user ON staff_saved_views (user_id, created_at);
