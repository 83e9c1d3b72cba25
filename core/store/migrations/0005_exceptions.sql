-- Logistics SLA rules and exception tickets (issue 4): the editable rule set, one row per rule episode
-- that fired (with the figures it compared), exception tickets with comments, and the site messages
-- sent to the merchant's own app backend (README "Site messages to the merchant's app").

-- The rule set (defaults, overrides, calendar, actions): one JSON row an operator edits.
CREATE TABLE sla_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  settings TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- One row per rule episode: the unique key is what makes a rule fire once per episode. The episode
-- is anchored on the clock's start (shipped_at for firstScan, the last carrier event for stall), so a
-- new event starts a new episode and re-arms the rule.
CREATE TABLE sla_hits (
  id INTEGER PRIMARY KEY,
  parcel_id INTEGER NOT NULL REFERENCES parcels(id),
  rule TEXT NOT NULL CHECK (rule IN ('firstScan', 'stall')),
  anchor_field TEXT NOT NULL CHECK (anchor_field IN ('shipped_at', 'last_event_at')),
  anchor_at INTEGER NOT NULL,
  threshold_minutes INTEGER NOT NULL,
  business_hours INTEGER NOT NULL,
  override_id TEXT,
  deadline_at INTEGER NOT NULL,
  fired_at INTEGER NOT NULL,
  state TEXT NOT NULL,
  reason TEXT NOT NULL,
  -- JSON array of SlaHitAction (notifications, site messages, ticket) written with the hit
  actions TEXT NOT NULL DEFAULT '[]',
  ticket_id INTEGER,
  cleared_at INTEGER,
  cleared_by TEXT,
  UNIQUE (parcel_id, rule, anchor_at)
);
CREATE INDEX sla_hits_open ON sla_hits(rule, parcel_id) WHERE cleared_at IS NULL;
CREATE INDEX sla_hits_parcel ON sla_hits(parcel_id, id);

-- Candidate scans of the evaluator (core/logistics/sla/evaluate.ts): parcels still waiting for their
-- first scan, and parcels with no event at all, by ship time. The stall scan of scanned parcels uses
-- 0003's parcels_state (state, last_event_at).
CREATE INDEX parcels_unscanned ON parcels(shipped_at) WHERE first_scan_at IS NULL;
CREATE INDEX parcels_silent ON parcels(shipped_at) WHERE last_event_at IS NULL;

CREATE TABLE exception_tickets (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  owner_group TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'waiting_carrier', 'resolved')),
  title TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('rule', 'manual')),
  hit_id INTEGER REFERENCES sla_hits(id),
  order_id INTEGER REFERENCES orders(id),
  parcel_id INTEGER REFERENCES parcels(id),
  due_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  resolved_at INTEGER,
  resolution TEXT,
  created_by TEXT NOT NULL,
  comment_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX exception_tickets_queue ON exception_tickets(status, due_at);
CREATE INDEX exception_tickets_order ON exception_tickets(order_id);
CREATE INDEX exception_tickets_parcel ON exception_tickets(parcel_id, type);

CREATE TABLE ticket_comments (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES exception_tickets(id),
  at INTEGER NOT NULL,
  actor_type TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX ticket_comments_ticket ON ticket_comments(ticket_id, id);

-- Site messages to the merchant's own app / mini-program backend: an outbox written in the same
-- transaction as the rule hit, delivered (signed, retried) by core/logistics/sla/site-messages.ts.
CREATE TABLE site_messages (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  event TEXT NOT NULL,
  order_id INTEGER REFERENCES orders(id),
  body TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  lease_until INTEGER,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER,
  last_error TEXT
);
CREATE INDEX site_messages_due ON site_messages(state, next_attempt_at);
