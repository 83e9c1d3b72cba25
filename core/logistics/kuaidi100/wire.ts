/**
 * Kuaidi100 bodies → TrackingResult (protocols.md §5.4). The query response and a push's `lastResult`
 * share one shape: { message, state, status, condition, ischeck, com, nu, data: [{ time, ftime,
 * context, status?, statusCode?, areaName? }] }. Times are Beijing time strings; `data` is newest
 * first unless `order=asc` was asked.
 */
import { carrierFromPartnerCode, type CarrierInfo } from '../carriers.js';
import { CarrierError, type CarrierEvent, type TrackingResult } from '../types.js';
import { mapKuaidi100MainState, mapKuaidi100Status } from './codes.js';

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** "2021-06-14 17:31:57" in Beijing time (UTC+8, no daylight saving) → UTC epoch ms; NaN when not a time. */
export function beijingTime(text: string): number {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return Number.NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0)) - BEIJING_OFFSET_MS;
}

export function formatBeijingTime(ms: number): string {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

type Json = Record<string, unknown>;

const str = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '');

/** A Kuaidi100 error envelope `{result:false, returnCode, message}` (protocols.md §5.4 [S]). */
export function envelopeError(body: Json, kinds: Record<string, CarrierError['kind']>, raw: string): CarrierError | null {
  if (body.result !== false && body.result !== 'false') return null;
  const code = str(body.returnCode);
  const message = str(body.message);
  return new CarrierError(kinds[code] ?? 'permanent', `快递100 ${code}: ${message || 'error'}`, { code, message, raw: raw.slice(0, 2000) });
}

/**
 * One trail (`lastResult` or a query response) → events oldest first. Items with a sub-state code map
 * through the table; an item with no status at all is trail-only, except the newest, whose state is
 * the response's main `state`.
 */
export function trailEvents(trail: Json): CarrierEvent[] {
  const data = Array.isArray(trail.data) ? (trail.data as Json[]) : [];
  const items = data.map((d) => ({ d, at: beijingTime(str(d.ftime) || str(d.time)) }));
  if (items.some((i) => Number.isNaN(i.at))) {
    const bad = items.find((i) => Number.isNaN(i.at))!;
    throw new CarrierError('malformed', `快递100 trail item has no readable time: ${JSON.stringify(bad.d).slice(0, 200)}`);
  }
  // Newest first is the default order; make it oldest first so equal times keep their real order.
  if (items.length > 1 && items[0]!.at > items[items.length - 1]!.at) items.reverse();
  else if (items.length > 1 && items[0]!.at === items[items.length - 1]!.at && str(trail.order) !== 'asc') items.reverse();
  return items.map(({ d, at }, i) => {
    const mapped = mapKuaidi100Status({ statusCode: str(d.statusCode), status: str(d.status) });
    const base = { occurredAt: at, description: str(d.context).trim(), location: str(d.areaName) || str(d.location) || null };
    if (mapped) return { ...base, ...mapped };
    if (i === items.length - 1 && str(trail.state)) {
      const main = mapKuaidi100MainState(str(trail.state));
      // The code stays '-' when known so the same item dedupes with its later, status-less copies.
      return main.state ? { ...base, partnerStatus: 'kuaidi100:-', state: main.state } : { ...base, ...main };
    }
    return { ...base, partnerStatus: 'kuaidi100:-', state: null, noStatus: true };
  });
}

export interface TrailContext {
  /** The carrier we asked about (a push echoes `com`; an unknown `com` keeps ours). */
  carrier: string;
  waybillNo: string;
  raw: string;
  table?: readonly CarrierInfo[];
}

export function trailToResult(trail: Json, ctx: TrailContext): TrackingResult {
  const com = str(trail.com);
  const named = com ? carrierFromPartnerCode('kuaidi100', com, ctx.table) : undefined;
  const carrier = named ?? ctx.carrier;
  return {
    partner: 'kuaidi100',
    carrier,
    waybillNo: str(trail.nu) || ctx.waybillNo,
    events: trailEvents(trail),
    raw: ctx.raw,
    correctedCarrier: named && named !== ctx.carrier ? { from: ctx.carrier, to: named } : null,
  };
}

/** A query response (protocols.md §5.4): `status` "200" = OK; otherwise the error envelope. */
export function parseQueryResponse(raw: string, ctx: Omit<TrailContext, 'raw'>, kinds: Record<string, CarrierError['kind']>): TrackingResult {
  let body: Json;
  try {
    body = JSON.parse(raw) as Json;
  } catch {
    throw new CarrierError('malformed', `快递100 answered something that is not JSON: ${raw.slice(0, 120)}`, { raw: raw.slice(0, 2000) });
  }
  if (!body || typeof body !== 'object') throw new CarrierError('malformed', '快递100 answered a JSON value that is not an object.', { raw: raw.slice(0, 2000) });
  const failure = envelopeError(body, kinds, raw);
  if (failure) throw failure;
  if (str(body.status) !== '200') {
    const code = str(body.status) || str(body.returnCode);
    throw new CarrierError(kinds[code] ?? 'permanent', `快递100 status ${code}: ${str(body.message)}`, { code, message: str(body.message), raw: raw.slice(0, 2000) });
  }
  return trailToResult(body, { ...ctx, raw });
}
