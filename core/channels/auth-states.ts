/**
 * One-time OAuth `state` values (channels/authorise issues them, the code exchange takes them):
 * bound to the shop, short-lived, gone once taken. Kept in the store, so a console restarted while
 * the seller was logging in on the platform still accepts the code. Only a hash of each state is
 * stored: the state travels in URLs and is as good as a password until used.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Channel } from '../contract/orders.js';
import type { Actor } from '../contract/actors.js';
import type { Clock } from '../kernel/clock.js';
import type { MutationQueue } from '../kernel/mutation.js';
import type { Db } from '../store/db.js';

/** How long an authorise link stays usable. Platforms' own codes live ~10 min; the seller needs time to log in. */
export const STATE_TTL_MS = 15 * 60_000;

const PREFIX = 'oauth.state.';

export interface PendingState {
  shopId: string;
  channel: Channel;
  redirectUri: string;
  expiresAt: number;
}

const keyOf = (state: string) => PREFIX + createHash('sha256').update(state).digest('hex');

export class AuthStates {
  constructor(
    private readonly db: Db,
    private readonly mutations: MutationQueue,
    private readonly clock: Clock,
  ) {}

  /** A new link for the shop: its older links and every expired one are dropped in the same write. */
  async issue(actor: Actor, source: string, shopId: string, channel: Channel, redirectUri: string): Promise<{ state: string; expiresAt: number }> {
    const state = `${shopId}.${randomBytes(16).toString('hex')}`;
    return this.mutations.run(actor, source, (w) => {
      const expiresAt = w.at + STATE_TTL_MS;
      for (const row of this.pending(w.db)) if (row.value.expiresAt <= w.at || row.value.shopId === shopId) w.db.prepare('DELETE FROM settings WHERE key = ?').run(row.key);
      const pending: PendingState = { shopId, channel, redirectUri, expiresAt };
      w.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(keyOf(state), JSON.stringify(pending));
      w.audit({ entityType: 'shop', entityId: shopId, action: 'authorise-link', reason: `authorisation link issued, valid until ${new Date(expiresAt).toISOString()}` });
      return { state, expiresAt };
    });
  }

  /** One-time: a state is gone once taken, whether the exchange then works or not. */
  async take(actor: Actor, source: string, state: string): Promise<PendingState | null> {
    const key = keyOf(state);
    if (!this.db.prepare('SELECT 1 FROM settings WHERE key = ?').get(key)) return null;
    return this.mutations.run(actor, source, (w) => {
      const row = w.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
      if (!row) return null; // taken meanwhile
      w.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
      const pending = JSON.parse(row.value) as PendingState;
      const live = pending.expiresAt > w.at;
      w.audit({ entityType: 'shop', entityId: pending.shopId, action: 'authorise-link-used', reason: live ? 'authorisation code received for this link' : 'an expired authorisation link was used: refused' });
      return live ? pending : null;
    });
  }

  private pending(db: Db): Array<{ key: string; value: PendingState }> {
    return (db.prepare('SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?').all(PREFIX.length, PREFIX) as Array<{ key: string; value: string }>).map((r) => ({ key: r.key, value: JSON.parse(r.value) as PendingState }));
  }
}
