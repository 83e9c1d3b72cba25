import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../test/support/engine.js';
import { AuthStates, STATE_TTL_MS } from './auth-states.js';

const admin = { type: 'operator' as const, id: '1', name: 'admin' };

describe('OAuth states', () => {
  it('outlive the engine that issued them (the store keeps them), and only their hash', async () => {
    const { db, mutations, clock } = memoryStore();
    const { state } = await new AuthStates(db, mutations, clock).issue(admin, 'test', 'tb-main', 'taobao', 'https://console.example/cb');
    const stored = JSON.stringify(db.prepare('SELECT * FROM settings').all());
    expect(stored).not.toContain(state);
    // A new engine on the same store (a restart while the seller was logging in) takes it, once.
    const restarted = new AuthStates(db, mutations, clock);
    expect(await restarted.take(admin, 'test', state)).toMatchObject({ shopId: 'tb-main', channel: 'taobao', redirectUri: 'https://console.example/cb' });
    expect(await restarted.take(admin, 'test', state)).toBeNull();
    const audited = db.prepare("SELECT action FROM audit_events WHERE entity_type = 'shop' ORDER BY seq").all();
    expect(audited).toEqual([{ action: 'authorise-link' }, { action: 'authorise-link-used' }]);
  });

  it('an expired link is refused; a new link for the shop voids the older one', async () => {
    const { db, mutations, clock } = memoryStore();
    const states = new AuthStates(db, mutations, clock);
    const old = await states.issue(admin, 'test', 'pdd-1', 'pinduoduo', 'https://console.example/cb');
    clock.advance(STATE_TTL_MS + 1);
    expect(await states.take(admin, 'test', old.state)).toBeNull();
    const first = await states.issue(admin, 'test', 'pdd-1', 'pinduoduo', 'https://console.example/cb');
    const other = await states.issue(admin, 'test', 'dy-1', 'douyin', 'https://console.example/cb');
    const second = await states.issue(admin, 'test', 'pdd-1', 'pinduoduo', 'https://console.example/cb');
    expect(await states.take(admin, 'test', first.state)).toBeNull();
    expect(await states.take(admin, 'test', second.state)).toMatchObject({ shopId: 'pdd-1' });
    expect(await states.take(admin, 'test', other.state)).toMatchObject({ shopId: 'dy-1' });
    expect(await states.take(admin, 'test', 'never-issued')).toBeNull();
  });
});
