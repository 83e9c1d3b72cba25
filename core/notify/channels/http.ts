/** One HTTP exchange with a partner: a timeout, and network failures turned into a transient result. */
import type { SendResult } from './types.js';

export interface PartnerReply {
  status: number;
  text: string;
}

export async function exchange(fetchFn: typeof fetch, url: string, init: RequestInit, timeoutMs: number): Promise<PartnerReply | SendResult> {
  try {
    const response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, text: await response.text() };
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    // A timed-out send may still have arrived: at-least-once, so it is retried like any transient failure.
    if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'transient', code: 'timeout', message: `No answer within ${timeoutMs} ms.` };
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return { kind: 'transient', code: 'network', message: `${err instanceof Error ? err.message : String(err)}${cause}` };
  }
}

export function isReply(value: PartnerReply | SendResult): value is PartnerReply {
  return 'status' in value;
}

/** HTTP-level classification before the body is read: 429 throttles, 5xx is transient, other 4xx is final. */
export function classifyStatus(reply: PartnerReply): SendResult | null {
  if (reply.status >= 200 && reply.status < 300) return null;
  const message = `HTTP ${reply.status}: ${reply.text.slice(0, 300)}`;
  if (reply.status === 429) return { kind: 'rate-limit', code: 'http-429', message };
  if (reply.status >= 500 || reply.status === 408) return { kind: 'transient', code: `http-${reply.status}`, message };
  return { kind: 'permanent', code: `http-${reply.status}`, message };
}

export function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
