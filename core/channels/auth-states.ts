/**
 * One-time OAuth `state` values (channels/authorise issues them, the code exchange takes them):
 * bound to the shop, short-lived, gone once taken. Kept in memory: an engine restart means
 * authorising again.
 */
import { randomBytes } from 'node:crypto';
import type { Channel } from '../contract/orders.js';

/** How long an authorise link stays usable. Platforms' own codes live ~10 min; the seller needs time to log in. */
export const STATE_TTL_MS = 15 * 60_000;

interface PendingState {
  shopId: string;
  channel: Channel;
  redirectUri: string;
  expiresAt: number;
}

export class AuthStates {
  private readonly pending = new Map<string, PendingState>();

  constructor(private readonly now: () => number) {}

  issue(shopId: string, channel: Channel, redirectUri: string): { state: string; expiresAt: number } {
    const now = this.now();
    for (const [state, p] of this.pending) if (p.expiresAt <= now || p.shopId === shopId) this.pending.delete(state);
    const state = `${shopId}.${randomBytes(16).toString('hex')}`;
    const expiresAt = now + STATE_TTL_MS;
    this.pending.set(state, { shopId, channel, redirectUri, expiresAt });
    return { state, expiresAt };
  }

  /** One-time: a state is gone once taken, whether the exchange then works or not. */
  take(state: string): PendingState | null {
    const p = this.pending.get(state);
    this.pending.delete(state);
    return p && p.expiresAt > this.now() ? p : null;
  }
}
