import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryStore, tempDir } from '../../test/support/engine.js';
import { KEY_FILE, loadOrCreateDataKey, SecretStore } from './secrets.js';

const actor = { type: 'operator' as const, id: '1', name: 'admin' };

describe('secrets', () => {
  it('keeps the data key in a 0600 file and reuses it', () => {
    const dir = tempDir();
    const key = loadOrCreateDataKey(dir);
    expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateDataKey(dir).equals(key)).toBe(true);
  });

  it('stores credentials encrypted, audited, and readable only with the key', () => {
    const { db, mutations, dir } = memoryStore();
    const store = new SecretStore(db, loadOrCreateDataKey(dir));
    mutations.runNow(actor, 'console', (w) => store.put(w, 'taobao:shop1:appSecret', 'a1b2c3-超级机密'));
    expect(store.get('taobao:shop1:appSecret')).toBe('a1b2c3-超级机密');
    const row = db.prepare('SELECT ciphertext FROM secrets').get() as { ciphertext: Buffer };
    expect(row.ciphertext.toString('utf8')).not.toContain('a1b2c3');
    expect(db.prepare("SELECT action FROM audit_events WHERE entity_type = 'secret'").get()).toEqual({ action: 'store' });
    const otherKey = new SecretStore(db, loadOrCreateDataKey(tempDir()));
    expect(() => otherKey.get('taobao:shop1:appSecret')).toThrow();
    // A ciphertext moved to another name does not decrypt (the name is authenticated data).
    db.prepare("UPDATE secrets SET name = 'pdd:shop1:appSecret'").run();
    expect(() => store.get('pdd:shop1:appSecret')).toThrow();
  });

  it('refuses a damaged key file', () => {
    const dir = tempDir();
    loadOrCreateDataKey(dir);
    const file = join(dir, KEY_FILE);
    writeFileSync(file, 'c2hvcnQ=\n', { mode: 0o600 });
    expect(() => loadOrCreateDataKey(dir)).toThrow(/damaged/);
    expect(readFileSync(file, 'utf8')).toBe('c2hvcnQ=\n');
  });
});
