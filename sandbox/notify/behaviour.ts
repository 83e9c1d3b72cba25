/**
 * What a receiver does with the next messages: answer normally, throttle, fail with a 5xx, or hang.
 * Tests and the demo set it at run time (`receiver.failNext(3, 'http-500')`, `receiver.mode = 'rate-limit'`).
 */
export type Misbehaviour = 'rate-limit' | 'http-500' | 'http-502' | 'hang' | 'malformed' | { errcode: number | string; message?: string };

export class Behaviour {
  /** Applies to every message until changed; `null` = behave. */
  mode: Misbehaviour | null = null;
  private queue: Misbehaviour[] = [];

  /** The next `count` messages misbehave this way, then the receiver behaves again. */
  failNext(count: number, how: Misbehaviour): void {
    for (let i = 0; i < count; i++) this.queue.push(how);
  }

  reset(): void {
    this.mode = null;
    this.queue = [];
  }

  take(): Misbehaviour | null {
    return this.queue.shift() ?? this.mode;
  }
}

/** A per-key sliding-window limiter with an optional block after exceeding (DingTalk: 10 minutes, §6.2). */
export class WindowLimit {
  private readonly sent = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    public perMinute: number,
    public blockMs: number,
  ) {}

  /** True when this message is over the limit (and then the key may be blocked). */
  exceeded(key: string, now: number): boolean {
    if ((this.blockedUntil.get(key) ?? 0) > now) return true;
    const times = (this.sent.get(key) ?? []).filter((t) => t > now - 60_000);
    if (times.length >= this.perMinute) {
      if (this.blockMs > 0) this.blockedUntil.set(key, now + this.blockMs);
      this.sent.set(key, times);
      return true;
    }
    times.push(now);
    this.sent.set(key, times);
    return false;
  }
}
