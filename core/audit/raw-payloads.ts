/** What a partner actually sent, kept (gzip when large) and linked from the order's timeline. */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Db } from '../store/db.js';

const COMPRESS_ABOVE_BYTES = 2048;

export function storeRawPayload(db: Db, payload: { source: string; contentType: string; body: string; receivedAt: number }): number {
  const bytes = Buffer.from(payload.body, 'utf8');
  const compressed = bytes.length > COMPRESS_ABOVE_BYTES;
  const info = db
    .prepare('INSERT INTO raw_payloads (source, content_type, received_at, encoding, sha256, body) VALUES (?, ?, ?, ?, ?, ?)')
    .run(payload.source, payload.contentType, payload.receivedAt, compressed ? 'gzip' : 'identity', createHash('sha256').update(bytes).digest('hex'), compressed ? gzipSync(bytes) : bytes);
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
