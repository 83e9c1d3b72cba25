-- Channel connectors (issue 3): shops, their sync cursors, sync history, unknown platform statuses.
-- Credentials live in `secrets` (encrypted), named `shop:<id>:credentials`.

CREATE TABLE shops (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  name TEXT NOT NULL,
  settings TEXT NOT NULL DEFAULT '{}',
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);

-- The end of the last completed window per shop and kind, committed with that window's last orders.
CREATE TABLE sync_cursors (
  shop_id TEXT NOT NULL REFERENCES shops(id),
  kind TEXT NOT NULL CHECK (kind IN ('modified', 'backfill')),
  cursor_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (shop_id, kind)
);

CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id),
  kind TEXT NOT NULL,
  trigger TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
  window_from INTEGER,
  window_to INTEGER,
  pages INTEGER NOT NULL DEFAULT 0,
  pulled INTEGER NOT NULL DEFAULT 0,
  inserted INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  stale INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  error_kind TEXT,
  error_message TEXT,
  error_raw TEXT
);
CREATE INDEX sync_runs_shop ON sync_runs(shop_id, id);

CREATE TABLE unknown_statuses (
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  occurrences INTEGER NOT NULL,
  sample_order_id TEXT NOT NULL,
  PRIMARY KEY (channel, status)
);
