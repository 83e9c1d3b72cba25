/**
 * TOP wall-clock times: `yyyy-MM-dd HH:mm:ss` in Beijing time (GMT+8, no daylight saving), for the
 * `timestamp` system parameter (§1.2), window bounds (§1.4/§1.5) and every Trade time (§1.8).
 * Pure arithmetic on UTC fields, so the machine's TZ never leaks in.
 */
import { BEIJING_OFFSET_MS } from './protocol.js';

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function formatBeijing(epochMs: number): string {
  const d = new Date(epochMs + BEIJING_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Epoch ms of a Beijing wall-clock text; null when it is not a real `yyyy-MM-dd HH:mm:ss` time. */
export function parseBeijing(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - BEIJING_OFFSET_MS;
  // Date.UTC rolls 2026-02-30 over to March: reject instead of guessing.
  return formatBeijing(ms) === m[0] ? ms : null;
}

/** TOP times have one-second resolution. */
export function floorToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export function ceilToSecond(ms: number): number {
  return Math.ceil(ms / 1000) * 1000;
}
