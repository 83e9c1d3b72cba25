/**
 * Jittered exponential backoff, shared by every module that retries a partner call (channel pulls,
 * notification delivery). Randomness is passed in so tests pin it.
 */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** "Full jitter" (AWS architecture blog): a random delay up to the exponential ceiling. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: number, hintMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.max(hintMs ?? 0, Math.floor(random * ceiling));
}
