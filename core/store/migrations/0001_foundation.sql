-- Foundation schema (issue 2). Money columns are integer fen; times are UTC epoch ms;
-- platform order ids are TEXT (19-digit ids do not survive as numbers).

CREATE TABLE operators (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin','finance','cs','supervisor','warehouse','viewer')),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  operator_id INTEGER NOT NULL REFERENCES operators(id),
  host TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_operator ON sessions(operator_id);

CREATE TABLE raw_payloads (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  content_type TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  encoding TEXT NOT NULL CHECK (encoding IN ('identity','gzip')),
  sha256 TEXT NOT NULL,
  body BLOB NOT NULL
);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  shop_id TEXT NOT NULL,
  platform_order_id TEXT NOT NULL,
  status TEXT NOT NULL,
  platform_status TEXT,
  buyer_nick TEXT,
  receiver_name TEXT NOT NULL,
  receiver_phone TEXT NOT NULL,
  receiver_phone_tail TEXT NOT NULL,
  receiver_province TEXT NOT NULL,
  receiver_city TEXT NOT NULL,
  receiver_district TEXT NOT NULL,
  receiver_address TEXT NOT NULL,
  goods_fen INTEGER NOT NULL,
  platform_discount_fen INTEGER NOT NULL,
  seller_discount_fen INTEGER NOT NULL,
  shipping_fen INTEGER NOT NULL,
  paid_fen INTEGER NOT NULL,
  platform_fee_fen INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  paid_at INTEGER,
  ship_by_at INTEGER,
  platform_modified_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  buyer_remark TEXT NOT NULL DEFAULT '',
  seller_remark TEXT NOT NULL DEFAULT '',
  waybill_nos TEXT NOT NULL DEFAULT '',
  line_count INTEGER NOT NULL DEFAULT 0,
  raw_payload_id INTEGER REFERENCES raw_payloads(id),
  version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX orders_platform_key ON orders(channel, shop_id, platform_order_id);
CREATE INDEX orders_platform_order_id ON orders(platform_order_id);
CREATE INDEX orders_created ON orders(created_at);
CREATE INDEX orders_paid ON orders(paid_at);
CREATE INDEX orders_updated ON orders(updated_at);
CREATE INDEX orders_paid_fen ON orders(paid_fen);
CREATE INDEX orders_channel_created ON orders(channel, created_at);
CREATE INDEX orders_status_created ON orders(status, created_at);
CREATE INDEX orders_phone_tail ON orders(receiver_phone_tail);
CREATE INDEX orders_receiver_name ON orders(receiver_name);

CREATE TABLE order_lines (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  line_no INTEGER NOT NULL,
  platform_item_id TEXT,
  platform_sku TEXT NOT NULL,
  standard_sku TEXT,
  title TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  unit_price_fen INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  UNIQUE (order_id, line_no)
);

CREATE TABLE shipments (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  carrier TEXT NOT NULL,
  waybill_no TEXT NOT NULL,
  shipped_at INTEGER NOT NULL,
  line_nos TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  UNIQUE (order_id, carrier, waybill_no)
);
CREATE INDEX shipments_waybill ON shipments(waybill_no);

-- Search on order id / waybill / receiver name: a trigram index finds any 3+ character fragment.
CREATE VIRTUAL TABLE order_search USING fts5(terms, tokenize = 'trigram', content = '', contentless_delete = 1);

CREATE TABLE sku_mappings (
  channel TEXT NOT NULL,
  platform_sku TEXT NOT NULL,
  standard_sku TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (channel, platform_sku)
);

CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  file_sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  operator TEXT NOT NULL,
  inserted INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  errors INTEGER NOT NULL
);
CREATE INDEX import_batches_sha ON import_batches(file_sha256);

CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY,
  operator_id INTEGER NOT NULL REFERENCES operators(id),
  grid TEXT NOT NULL,
  name TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (operator_id, grid, name)
);

CREATE TABLE secrets (
  name TEXT PRIMARY KEY,
  iv BLOB NOT NULL,
  tag BLOB NOT NULL,
  ciphertext BLOB NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Append-only, hash-chained event log (issue 2 "Audit"). `hash` = sha256(prev_hash || canonical row).
CREATE TABLE audit_events (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_type TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  source TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT NOT NULL,
  reason TEXT,
  raw_payload_id INTEGER,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_events(entity_type, entity_id, seq);
