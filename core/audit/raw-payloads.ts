/** What a partner actually sent, kept (gzip when large) and linked from the order's timeline. */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Db, Statement } from '../store/db.js';

const COMPRESS_ABOVE_BYTES = 2048;
/**
 * Fastest deflate level: platform JSON still shrinks about 4–6×, and at level 6 compression cost
 * more than the order's whole insert on a back-fill.
 */
const GZIP_LEVEL = 1;

/** Prepared once per connection: every pulled order stores its payload, and preparing is not free. */
const inserts = new WeakMap<Db, Statement>();

function insertStatement(db: Db): Statement {
  let s = inserts.get(db);
  if (!s) {
    s = db.prepare('INSERT INTO raw_payloads (source, content_type, received_at, encoding, sha256, body) VALUES (?, ?, ?, ?, ?, ?)');
    inserts.set(db, s);
  }
  return s;
}

export function storeRawPayload(db: Db, payload: { source: string; contentType: string; body: string; receivedAt: number }): number {
  const bytes = Buffer.from(payload.body, 'utf8');
  const compressed = bytes.length > COMPRESS_ABOVE_BYTES;
  const info = insertStatement(db).run(
    payload.source,
    payload.contentType,
    payload.receivedAt,
    compressed ? 'gzip' : 'identity',
    createHash('sha256').update(bytes).digest('hex'),
    compressed ? gzipSync(bytes, { level: GZIP_LEVEL }) : bytes,
  );
  return Number(info.lastInsertRowid);
}

export function readRawPayload(db: Db, id: number): { id: number; source: string; contentType: string; receivedAt: number; body: string } | null {
  const row = db.prepare('SELECT id, source, content_type, received_at, encoding, body FROM raw_payloads WHERE id = ?').get(id) as
    | { id: number; source: string; content_type: string; received_at: number; encoding: string; body: Buffer }
    | undefined;
  if (!row) return null;
  const body = row.encoding === 'gzip' ? gunzipSync(row.body) : row.body;
  return { id: row.id, source: row.source, contentType: row.content_type, receivedAt: row.received_at, body: body.toString('utf8') };
}
