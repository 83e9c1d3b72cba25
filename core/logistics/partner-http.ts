/**
 * Wire helpers the courier adapters share (SF, ZTO, JD, Kdniao — protocols.md §5): one HTTP call
 * turned into CarrierErrors the engine can act on, JSON that fails to parse reported as
 * 'malformed' with the raw text kept, and Beijing wall-clock times converted to UTC epoch ms
 * exactly (§0: carriers send "yyyy-MM-dd HH:mm:ss" in GMT+8, no daylight saving).
 */
import { CarrierError } from './types.js';

export interface CarrierEnv {
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
}

export const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function formatBeijing(epochMs: number, dateSep = '-'): string {
  const d = new Date(epochMs + BEIJING_OFFSET_MS);
  return `${d.getUTCFullYear()}${dateSep}${pad(d.getUTCMonth() + 1)}${dateSep}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

// "2024-06-04 18:42:11", "2017/12/12 12:12:12" (JD JOS opeTime), optional ".SSS".
const PATTERN = /^(\d{4})([-/])(\d{2})\2(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/** Epoch ms of a Beijing wall-clock text; null when it is not a real calendar time (never guessed). */
export function parseBeijing(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const [y, , mo, d, h, mi, s] = [Number(m[1]), m[2], Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7])];
  const ms = Number((m[8] ?? '0').padEnd(3, '0'));
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms) - BEIJING_OFFSET_MS;
  const back = new Date(utc + BEIJING_OFFSET_MS);
  // Date.UTC rolls 2024-02-30 into March and 24:00 into the next day: reject instead.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi) return null;
  return utc;
}

/** Carrier times as Beijing text, or epoch ms as a number / digit string (ZTO scanDate, JD LOP). */
export function parseCarrierTime(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value) && value > 1e11) return value;
  if (typeof value === 'string' && /^\d{13}$/.test(value)) return Number(value);
  return parseBeijing(value);
}

export interface HttpAnswer {
  status: number;
  text: string;
  headers: Headers;
}

/** One request; network failure / timeout → 'transient', HTTP 429 → 'rate-limit', 5xx → 'transient'. */
export async function send(env: CarrierEnv, who: string, url: string, init: RequestInit): Promise<HttpAnswer> {
  let response: Response;
  let text: string;
  try {
    response = await env.fetch(url, { ...init, signal: AbortSignal.timeout(env.timeoutMs) });
    text = await response.text();
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') throw new CarrierError('transient', `${who}: no answer within ${env.timeoutMs} ms`);
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    throw new CarrierError('transient', `${who}: network error ${err instanceof Error ? err.message : String(err)}${cause}`);
  }
  const raw = text.slice(0, 2000);
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    throw new CarrierError('rate-limit', `${who}: HTTP 429 (throttled)`, { code: 'HTTP 429', raw }, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined);
  }
  if (response.status >= 500) throw new CarrierError('transient', `${who}: HTTP ${response.status}`, { code: `HTTP ${response.status}`, raw });
  return { status: response.status, text, headers: response.headers };
}

/** A JSON object from text; anything else is 'malformed' with the raw text kept for the operator. */
export function parseJsonObject(text: string, who: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CarrierError('malformed', `${who}: unparseable JSON: ${(err as Error).message}`, { raw: text.slice(0, 2000) });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CarrierError('malformed', `${who}: the answer is not a JSON object`, { raw: text.slice(0, 2000) });
  }
  return parsed as Record<string, unknown>;
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

/** A form body with the header's charset honoured as UTF-8 (every partner here declares UTF-8). */
export function formFields(body: Buffer): Map<string, string> {
  return new Map(new URLSearchParams(body.toString('utf8')));
}

export function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}
