/** Login and caller resolution: the engine, not the host, decides who is calling. */
import type { OperatorInfo } from '../contract/api.js';
import type { CoreResult } from '../contract/errors.js';
import { operatorActor } from '../kernel/actors.js';
import type { Clock } from '../kernel/clock.js';
import type { MutationQueue } from '../kernel/mutation.js';
import type { Db } from '../store/db.js';
import { findOperatorById, findOperatorByName, toOperatorInfo } from './operators.js';
import { verifyPassword } from './passwords.js';
import { createSession, deleteSession, findSession, newSessionToken, sessionKey } from './sessions.js';
import { LoginThrottle } from './throttle.js';

const INVALID = { type: 'Unauthenticated', message: 'Wrong username or password.' } as const;

export class Authenticator {
  private readonly throttle = new LoginThrottle();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly mutations: MutationQueue,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  async login(username: string, password: string, meta: { host: string; address?: string }): Promise<CoreResult<{ token: string; operator: OperatorInfo }>> {
    if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
      return { error: { type: 'ValidationError', message: 'Username and password are required.' } };
    }
    const keys = [`user:${username.toLowerCase()}`, ...(meta.address ? [`addr:${meta.address}`] : [])];
    const delay = this.throttle.delayFor(keys, this.clock.now());
    if (delay > 0) await this.sleep(delay);
    const row = findOperatorByName(this.db, username);
    // Verify even for unknown users so timing does not reveal which usernames exist.
    const ok = verifyPassword(password, row?.password_hash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    if (!row || !ok || row.disabled) {
      this.throttle.recordFailure(keys, this.clock.now());
      return { error: INVALID };
    }
    this.throttle.recordSuccess(keys);
    const operator = toOperatorInfo(row);
    const token = newSessionToken();
    await this.mutations.run(operatorActor(operator), meta.host, (w) => {
      createSession(w.db, token, operator.id, meta.host, w.at);
      w.audit({ entityType: 'operator', entityId: operator.id, action: 'login', reason: meta.address ? `from ${meta.address}` : null });
    });
    return { data: { token, operator } };
  }

  async logout(token: string, host: string): Promise<void> {
    const key = sessionKey(token);
    const operatorId = findSession(this.db, key, this.clock.now());
    if (operatorId === null) return;
    const row = findOperatorById(this.db, operatorId);
    await this.mutations.run(row ? operatorActor(toOperatorInfo(row)) : { type: 'system', id: 'engine', name: '系统' }, host, (w) => {
      deleteSession(w.db, key);
      w.audit({ entityType: 'operator', entityId: operatorId, action: 'logout' });
    });
  }

  /** The operator behind a token, or null (absent, expired, disabled). */
  resolve(token: string | null): { operator: OperatorInfo; key: string } | null {
    if (!token) return null;
    const key = sessionKey(token);
    const operatorId = findSession(this.db, key, this.clock.now());
    if (operatorId === null) return null;
    const row = findOperatorById(this.db, operatorId);
    if (!row || row.disabled) return null;
    return { operator: toOperatorInfo(row), key };
  }
}
