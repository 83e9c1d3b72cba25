-- Notifications (issue 4): a transactional outbox delivered by a worker with retries, per-target
-- rate limits and dead letters; delivery targets; the in-app inbox. Credentials of targets live in
-- `secrets` (encrypted), named `notify:<target id>:credentials`.

CREATE TABLE notify_targets (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL CHECK (channel IN ('wecom', 'dingtalk', 'sms')),
  name TEXT NOT NULL,
  settings TEXT NOT NULL DEFAULT '{}',
  enabled INTEGER NOT NULL DEFAULT 1,
  -- set when the partner answered a rate-limit error: DingTalk blocks 10 minutes (protocols.md §6.2)
  paused_until INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Engine-wide knobs (retry policy, rate limits, quiet hours, partner codes): one JSON row.
CREATE TABLE notify_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  settings TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  -- the caller's key (one rule episode, one ticket…): enqueueing the same key twice is one message
  idempotency_key TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL CHECK (channel IN ('wecom', 'dingtalk', 'sms', 'inapp')),
  target_id TEXT NOT NULL,
  recipient TEXT,
  template TEXT NOT NULL,
  variables TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  rate_limited INTEGER NOT NULL DEFAULT 0,
  not_before INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  -- a worker holds a message it is sending until this time; past it, the send is presumed crashed
  lease_until INTEGER,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER,
  dead_at INTEGER,
  last_error_kind TEXT,
  last_error TEXT,
  cause_type TEXT,
  cause_id TEXT
);
CREATE INDEX notifications_due ON notifications(state, next_attempt_at);
CREATE INDEX notifications_target ON notifications(target_id, id);

-- One row per send, committed before the HTTP call: the outcome is filled in after it.
CREATE TABLE notification_attempts (
  id INTEGER PRIMARY KEY,
  notification_id INTEGER NOT NULL REFERENCES notifications(id),
  attempt INTEGER NOT NULL,
  target_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  outcome TEXT CHECK (outcome IN ('ok', 'transient', 'rate-limit', 'permanent', 'config', 'crashed')),
  code TEXT,
  message TEXT,
  UNIQUE (notification_id, attempt)
);
-- the per-target sliding window counts sends by start time
CREATE INDEX notification_attempts_target ON notification_attempts(target_id, started_at);

CREATE TABLE inbox_messages (
  id INTEGER PRIMARY KEY,
  notification_id INTEGER NOT NULL UNIQUE REFERENCES notifications(id),
  recipient_role TEXT,
  recipient_operator_id INTEGER,
  template TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  cause_type TEXT,
  cause_id TEXT,
  CHECK ((recipient_role IS NULL) != (recipient_operator_id IS NULL))
);
CREATE INDEX inbox_messages_role ON inbox_messages(recipient_role, id);
CREATE INDEX inbox_messages_operator ON inbox_messages(recipient_operator_id, id);

CREATE TABLE inbox_reads (
  message_id INTEGER NOT NULL REFERENCES inbox_messages(id),
  operator_id INTEGER NOT NULL,
  read_at INTEGER NOT NULL,
  PRIMARY KEY (message_id, operator_id)
);
