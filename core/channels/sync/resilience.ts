/**
 * Retries with jittered backoff, a per-shop circuit breaker and a per-shop rate limiter: what every
 * platform call goes through, whatever the platform. Time and randomness are injected so tests run
 * without waiting.
 */
import { backoffDelay, type RetryPolicy } from '../../kernel/backoff.js';
import { PlatformError } from '../types.js';

// Moved to core/kernel/backoff.ts so notification delivery shares it; re-exported for existing callers.
export { backoffDelay, type RetryPolicy };

export interface ResilienceClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Only throttling, transient and malformed answers are worth another try; auth and permanent are not. */
export function isRetryable(err: unknown): boolean {
  return err instanceof PlatformError && (err.kind === 'rate-limit' || err.kind === 'transient' || err.kind === 'malformed');
}

export async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy, clock: ResilienceClock, onRetry?: (err: unknown, delayMs: number) => void): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!isRetryable(err) || attempt + 1 >= policy.attempts) throw err;
      const delay = backoffDelay(attempt, policy, clock.random(), err instanceof PlatformError ? err.retryAfterMs : undefined);
      onRetry?.(err, delay);
      await clock.sleep(delay);
    }
  }
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/** Opens after `threshold` failed runs in a row; after `coolDownMs` lets one trial run through. */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;

  constructor(
    private readonly threshold = 5,
    private readonly coolDownMs = 5 * 60_000,
  ) {}

  state(now: number): CircuitState {
    if (this.openedAt === null) return 'closed';
    return now - this.openedAt >= this.coolDownMs ? 'half-open' : 'open';
  }

  allows(now: number): boolean {
    return this.state(now) !== 'open';
  }

  success(): void {
    this.failures = 0;
    this.openedAt = null;
  }

  failure(now: number): void {
    this.failures++;
    if (this.failures >= this.threshold || this.openedAt !== null) this.openedAt = now;
  }

  reopensAt(): number | null {
    return this.openedAt === null ? null : this.openedAt + this.coolDownMs;
  }
}

/** Token bucket: at most `perSecond` calls a second on average, bursts up to `burst`. */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: ResilienceClock,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  async take(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
    }
  }
}
