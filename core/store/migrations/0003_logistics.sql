-- Logistics (issue 4): the parcels the engine follows, every carrier event on them, and carrier codes
-- no mapping table knew. A parcel is one (carrier, waybill) and may carry several orders: orders reach
-- it through `parcel_orders` (filled from `shipments` by parcel discovery, core/logistics/discovery.ts).
-- The link is kept by id, not by (carrier, waybill), because the aggregator may correct the carrier
-- (Kuaidi100 autoCheck comOld → comNew, protocols.md §5.4) while the shipment keeps what the platform said.

CREATE TABLE parcels (
  id INTEGER PRIMARY KEY,
  carrier TEXT NOT NULL,
  waybill_no TEXT NOT NULL,
  -- The "logistics sync timestamp": when the order was marked shipped; the first-scan rule counts from it.
  shipped_at INTEGER NOT NULL,
  -- One of the 12 taxonomy states (core/logistics/taxonomy.ts); only ever moves forward.
  state TEXT NOT NULL DEFAULT 'AWAITING_PICKUP',
  -- When the carrier says the current state's event happened; an older event is trail-only.
  state_at INTEGER,
  -- The furthest non-exception state reached: EXCEPTION / DELIVERY_FAILED come and go over it
  -- (core/logistics/state-machine.ts).
  progress_state TEXT NOT NULL DEFAULT 'AWAITING_PICKUP',
  first_scan_at INTEGER,
  last_event_at INTEGER,
  last_received_at INTEGER,
  event_count INTEGER NOT NULL DEFAULT 0,
  unknown_event_count INTEGER NOT NULL DEFAULT 0,
  phone_tail TEXT,
  channel TEXT,
  warehouse TEXT,
  -- Which partner follows it and how (push subscription or polling), and when to poll next.
  partner TEXT,
  subscription TEXT NOT NULL DEFAULT 'none' CHECK (subscription IN ('none', 'subscribed', 'ended', 'failed')),
  next_poll_at INTEGER,
  subscribed_at INTEGER,
  -- Consecutive failed polls (backoff grows with it) and the last failure, for the operator.
  poll_failures INTEGER NOT NULL DEFAULT 0,
  last_error_kind TEXT,
  last_error TEXT,
  last_error_at INTEGER,
  -- The carrier the platform named before the aggregator corrected it (NULL: never corrected).
  corrected_from TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (carrier, waybill_no)
);
CREATE INDEX parcels_state ON parcels(state, last_event_at);
CREATE INDEX parcels_poll ON parcels(next_poll_at) WHERE next_poll_at IS NOT NULL;
CREATE INDEX parcels_waybill ON parcels(waybill_no);
CREATE INDEX parcels_carrier ON parcels(carrier, state);
CREATE INDEX parcels_channel ON parcels(channel, state);

CREATE TABLE parcel_orders (
  parcel_id INTEGER NOT NULL REFERENCES parcels(id),
  order_id INTEGER NOT NULL REFERENCES orders(id),
  shipment_id INTEGER REFERENCES shipments(id),
  PRIMARY KEY (parcel_id, order_id)
);
CREATE INDEX parcel_orders_order ON parcel_orders(order_id);

CREATE TABLE tracking_events (
  id INTEGER PRIMARY KEY,
  parcel_id INTEGER NOT NULL REFERENCES parcels(id),
  occurred_at INTEGER NOT NULL,
  partner TEXT NOT NULL,
  partner_status TEXT NOT NULL,
  -- NULL: the partner's code is unknown to the mapping table (flagged, never guessed).
  state TEXT,
  description TEXT NOT NULL,
  location TEXT,
  source TEXT NOT NULL CHECK (source IN ('push', 'poll', 'ocr', 'manual')),
  received_at INTEGER NOT NULL,
  raw_payload_id INTEGER REFERENCES raw_payloads(id),
  -- 1: taken into the parcel's state (moved or confirmed it); 0: added to the trail only (late, out of
  -- order, a step backwards, unknown code, after the journey ended).
  applied INTEGER NOT NULL,
  -- 1: `state` is NULL because the partner's code is not in the mapping table (flagged).
  unknown_code INTEGER NOT NULL DEFAULT 0,
  -- Same event seen twice (a duplicate push, a poll repeating a push) changes nothing: see
  -- core/logistics/dedupe.ts for what the key is made of.
  dedupe_key TEXT NOT NULL,
  UNIQUE (parcel_id, dedupe_key)
);
CREATE INDEX tracking_events_parcel ON tracking_events(parcel_id, occurred_at);

CREATE TABLE unknown_carrier_codes (
  partner TEXT NOT NULL,
  code TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  occurrences INTEGER NOT NULL,
  sample_waybill TEXT NOT NULL,
  sample_description TEXT NOT NULL,
  PRIMARY KEY (partner, code)
);
