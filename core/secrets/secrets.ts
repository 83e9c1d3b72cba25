/**
 * Partner credentials, encrypted at rest (AES-256-GCM) with a data key kept in a 0600 key file
 * beside — not inside — the database, so a copied database alone reveals nothing and both hosts
 * (Electron and the browser console) can open the same data folder.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WriteContext } from '../kernel/mutation.js';
import type { Db } from '../store/db.js';

export const KEY_FILE = 'secrets.key';
const KEY_BYTES = 32;

export function loadOrCreateDataKey(dataDir: string): Buffer {
  const file = join(dataDir, KEY_FILE);
  if (!existsSync(file)) {
    // 'wx' fails if another host created it between our check and our write: then we read theirs.
    try {
      writeFileSync(file, randomBytes(KEY_BYTES).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const mode = statSync(file).mode & 0o777;
  if (mode !== 0o600) chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`The secrets key file ${file} is damaged (expected ${KEY_BYTES} bytes).`);
  return key;
}

export class SecretStore {
  constructor(
    private readonly db: Db,
    private readonly key: Buffer,
  ) {}

  /** Written inside a mutation, so storing a credential is audited like any other write. */
  put(w: WriteContext, name: string, value: string): void {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(name));
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    w.db
      .prepare('INSERT INTO secrets (name, iv, tag, ciphertext, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET iv = excluded.iv, tag = excluded.tag, ciphertext = excluded.ciphertext, updated_at = excluded.updated_at')
      .run(name, iv, cipher.getAuthTag(), ciphertext, w.at);
    w.audit({ entityType: 'secret', entityId: name, action: 'store' });
  }

  get(name: string): string | null {
    const row = this.db.prepare('SELECT iv, tag, ciphertext FROM secrets WHERE name = ?').get(name) as { iv: Buffer; tag: Buffer; ciphertext: Buffer } | undefined;
    if (!row) return null;
    const decipher = createDecipheriv('aes-256-gcm', this.key, row.iv);
    decipher.setAAD(Buffer.from(name));
    decipher.setAuthTag(row.tag);
    return Buffer.concat([decipher.update(row.ciphertext), decipher.final()]).toString('utf8');
  }

  delete(w: WriteContext, name: string): void {
    w.db.prepare('DELETE FROM secrets WHERE name = ?').run(name);
    w.audit({ entityType: 'secret', entityId: name, action: 'delete' });
  }
}
