/**
 * Acknowledging an unknown platform status: the operator has seen the alert (and, say, asked for a
 * mapping). It leaves the alert list until the status is seen again (its occurrence count grows).
 * Kept in the `settings` table as JSON (no migration of its own this session); written audited.
 */
import type { UnknownStatusInfo } from '../contract/channels.js';
import type { Channel } from '../contract/orders.js';
import type { WriteContext } from '../kernel/mutation.js';
import type { Db } from '../store/db.js';

export const ACKS_KEY = 'channels.unknownStatusAcks';

type Acks = Record<string, { by: string; at: number; occurrences: number }>;

const keyOf = (channel: string, status: string) => `${channel}\u0000${status}`;

function readAcks(db: Db): Acks {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(ACKS_KEY) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as Acks) : {};
}

interface Row {
  channel: Channel;
  status: string;
  first_seen_at: number;
  last_seen_at: number;
  occurrences: number;
  sample_order_id: string;
}

export function listUnknownStatuses(db: Db, includeAcknowledged: boolean): UnknownStatusInfo[] {
  const acks = readAcks(db);
  const rows = db.prepare('SELECT * FROM unknown_statuses ORDER BY last_seen_at DESC').all() as Row[];
  const out: UnknownStatusInfo[] = [];
  for (const r of rows) {
    const ack = acks[keyOf(r.channel, r.status)];
    const acknowledged = ack && ack.occurrences >= r.occurrences ? ack : null;
    if (acknowledged && !includeAcknowledged) continue;
    out.push({ channel: r.channel, status: r.status, firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at, occurrences: r.occurrences, sampleOrderId: r.sample_order_id, acknowledged });
  }
  return out;
}

/** Null when no such status was ever recorded. */
export function acknowledgeUnknownStatus(w: WriteContext, channel: Channel, status: string): UnknownStatusInfo | null {
  const row = w.db.prepare('SELECT * FROM unknown_statuses WHERE channel = ? AND status = ?').get(channel, status) as Row | undefined;
  if (!row) return null;
  const acks = readAcks(w.db);
  const ack = { by: w.actor.name, at: w.at, occurrences: row.occurrences };
  acks[keyOf(channel, status)] = ack;
  w.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(ACKS_KEY, JSON.stringify(acks));
  w.audit({ entityType: 'channel', entityId: channel, action: 'unknown-status-acknowledged', reason: `Status "${status}" acknowledged at ${row.occurrences} occurrence(s) (sample order ${row.sample_order_id}).` });
  return { channel, status, firstSeenAt: row.first_seen_at, lastSeenAt: row.last_seen_at, occurrences: row.occurrences, sampleOrderId: row.sample_order_id, acknowledged: ack };
}
