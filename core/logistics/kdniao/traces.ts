/**
 * A Kdniao tracking object (query answer or one push `Data` item, protocols.md §5.5) → TrackingResult.
 * Each trace's own `Action` (增值 StateEx code) maps it. A trace without Action (free tier) gets no
 * state of its own (`noStatus`), except the NEWEST one: the object's `StateEx`/`State` is Kdniao's
 * statement about the parcel now, i.e. about its latest trace.
 */
import { carrierFromPartnerCode } from '../carriers.js';
import { parseBeijing, str } from '../partner-http.js';
import { CarrierError, type CarrierEvent, type TrackingResult } from '../types.js';
import { mapKdniaoState } from './states.js';

export function kdniaoResult(obj: Record<string, unknown>, raw: string, fallbackNo = ''): TrackingResult {
  const shipper = str(obj.ShipperCode);
  const waybillNo = str(obj.LogisticCode) || fallbackNo;
  const traces = obj.Traces ?? [];
  if (!Array.isArray(traces)) throw new CarrierError('malformed', 'Kdniao: Traces is not a list', { raw: raw.slice(0, 2000) });
  const times = traces.map((t: Record<string, unknown>) => parseBeijing(t?.AcceptTime));
  const bad = times.findIndex((t) => t === null);
  if (bad >= 0) throw new CarrierError('malformed', `Kdniao: AcceptTime ${JSON.stringify((traces[bad] as Record<string, unknown>)?.AcceptTime)} is not "yyyy-MM-dd HH:mm:ss"`, { raw: raw.slice(0, 2000) });
  const newest = times.reduce<number>((best, t, i) => (best < 0 || (t as number) >= (times[best] as number) ? i : best), -1);
  const overall = str(obj.StateEx) || str(obj.State);
  const events: CarrierEvent[] = traces.map((t: Record<string, unknown>, i) => {
    const action = str(t.Action);
    const code = action || (i === newest ? overall : '');
    const base = { occurredAt: times[i] as number, description: str(t.AcceptStation), location: str(t.Location) || null };
    if (!code) return { ...base, state: null, partnerStatus: 'kdniao:', noStatus: true };
    return { ...base, ...mapKdniaoState(code) };
  });
  return { partner: 'kdniao', carrier: carrierFromPartnerCode('kdniao', shipper) ?? shipper, waybillNo, events, raw };
}
