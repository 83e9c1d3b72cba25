/**
 * Repeated failed logins are slowed down: after a few free attempts each further failure for the
 * same username or address doubles the wait before the next answer, up to a ceiling. Kept in memory:
 * a restart forgives, which is acceptable for a console bound to loopback by default.
 */
const FREE_ATTEMPTS = 3;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;
const FORGET_AFTER_MS = 15 * 60 * 1000;

export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; last: number }>();

  delayFor(keys: string[], now: number): number {
    let worst = 0;
    for (const key of keys) {
      const entry = this.failures.get(key);
      if (!entry || now - entry.last > FORGET_AFTER_MS) continue;
      const over = entry.count - FREE_ATTEMPTS;
      if (over >= 0) worst = Math.max(worst, Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** over));
    }
    return worst;
  }

  recordFailure(keys: string[], now: number): void {
    for (const key of keys) {
      const entry = this.failures.get(key);
      const fresh = !entry || now - entry.last > FORGET_AFTER_MS;
      this.failures.set(key, { count: fresh ? 1 : entry.count + 1, last: now });
    }
  }

  recordSuccess(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
