/**
 * From sightings to ranked waybill candidates. One candidate per distinct number; its confidence is
 * a product of independent features, so each one can only pull a distractor down, never push it past
 * a number that is strong on all of them:
 *
 *   confidence = reading × (0.3 + 0.7 × fit) × (0.6 + 0.4 × prominence) × context × nameConflict
 *
 * - reading: how sure the characters are. Barcodes carry check characters (0.97); text is tesseract's
 *   word confidence less 0.08 per repaired character. Seen by barcode and text alike, the two are
 *   independent evidence: 1 − (1 − r₁)(1 − r₂).
 * - fit: the shared pattern table (detectCarrier). A number several carriers' patterns fit is less
 *   certain for each; a carrier named on the label whose pattern the number fits raises fit to ≥ 0.9
 *   (two independent signals agree). Order ids (18–21 digits), phone numbers, 三段码 and dates fit no
 *   pattern, so fit is what sinks most distractors.
 * - prominence: the waybill barcode is the widest linear code and its number the tallest number text
 *   on an e-waybill; the order-id barcode and the receipt stub are smaller.
 * - context: seen on an "Order/订单" line, or in a QR record under an order key (order=, tid=…), × 0.5;
 *   printed on a "运单/Waybill/No." line × 1.05.
 * - nameConflict: the label names carriers but the number fits none of them × 0.6 — a JD order id
 *   that happens to have SF's old 12-digit shape on a JD label.
 * - timestamp: digits that read as a date and time (the print time "2025-03-01 20:18" run together
 *   by OCR as 202503012018, which fits SF's and ZTO's 12-digit shapes) × 0.5.
 */
import { carriersNamedIn, type CarrierCode } from '../logistics/carriers.js';
import { detectCarrier, fitsCarrier, type WaybillPattern, WAYBILL_PATTERNS } from '../logistics/waybill-patterns.js';
import type { Box } from './geometry.js';
import type { Sighting } from './sightings.js';

export type CandidateSource = 'barcode' | 'text' | 'barcode+text';

export interface WaybillCandidate {
  waybillNo: string;
  carrier: CarrierCode | null;
  /** 0..1, comparable between candidates of one photo. */
  confidence: number;
  source: CandidateSource;
  /** False: fits no carrier's pattern — offered for an operator override, never chosen on its own. */
  fitsPattern: boolean;
  warning: string | null;
  /** The features behind `confidence`, for the UI's "why this number" and for tests. */
  features: { reading: number; fit: number; prominence: number; context: number; nameConflict: number; timestamp: number };
  boxes: Box[];
}

export interface RankOptions {
  patterns?: readonly WaybillPattern[];
  /** Full text read on the label, for carrier names (carriersNamedIn). */
  labelText?: string;
}

export function rankCandidates(sightings: readonly Sighting[], opts: RankOptions = {}): WaybillCandidate[] {
  const table = opts.patterns ?? WAYBILL_PATTERNS;
  const named = opts.labelText ? carriersNamedIn(opts.labelText) : [];
  const byNo = new Map<string, Sighting[]>();
  for (const s of sightings) byNo.set(s.waybillNo, [...(byNo.get(s.waybillNo) ?? []), s]);

  const out: WaybillCandidate[] = [];
  for (const [no, seen] of byNo) {
    const check = detectCarrier(no, table);
    const namedFit = named.find((c) => fitsCarrier(no, c, table));
    const top = check.guesses[0];
    const carrier = namedFit ?? top?.carrier ?? named[0] ?? null;
    const fit = namedFit ? Math.max(0.9, check.guesses.find((g) => g.carrier === namedFit)?.confidence ?? 0) : top?.confidence ?? 0;
    const barcodes = seen.filter((s) => s.source === 'barcode');
    const texts = seen.filter((s) => s.source === 'text');
    const best = (list: Sighting[]) => list.reduce((m, s) => Math.max(m, s.reading), 0);
    const reading = 1 - (1 - best(barcodes)) * (1 - best(texts));
    const prominence = Math.max(...seen.map((s) => s.prominence));
    const context = seen.some((s) => s.context === 'waybill') ? 1.05 : seen.some((s) => s.context === 'order') ? 0.5 : 1;
    const nameConflict = named.length > 0 && check.guesses.length > 0 && !namedFit ? 0.6 : 1;
    const timestamp = looksLikeTimestamp(no) ? 0.5 : 1;
    const confidence = Math.min(1, reading * (0.3 + 0.7 * fit) * (0.6 + 0.4 * prominence) * context * nameConflict * timestamp);
    out.push({
      waybillNo: no,
      carrier,
      confidence: round(confidence),
      source: barcodes.length && texts.length ? 'barcode+text' : barcodes.length ? 'barcode' : 'text',
      fitsPattern: check.guesses.length > 0,
      warning: check.warning ?? (named.length && !namedFit && check.guesses.length ? `面单上的快递公司 (${named.join('/')}) 与单号格式 (${check.guesses.map((g) => g.carrier).join('/')}) 不一致 (carrier name on the label does not fit the number)` : null),
      features: { reading: round(reading), fit: round(fit), prominence: round(prominence), context, nameConflict, timestamp },
      boxes: seen.map((s) => s.box),
    });
  }
  return out.sort((a, b) => b.confidence - a.confidence || Number(b.fitsPattern) - Number(a.fitsPattern) || a.waybillNo.localeCompare(b.waybillNo));
}

/** The number to propose: the best candidate that fits a carrier pattern, or none. */
export function chooseWaybill(candidates: readonly WaybillCandidate[]): WaybillCandidate | null {
  return candidates.find((c) => c.fitsPattern) ?? null;
}

/** yyyyMMdd, optionally HH and mm, in this century's plausible years. */
export function looksLikeTimestamp(no: string): boolean {
  return /^20[1-3]\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(([01]\d|2[0-3])([0-5]\d){0,2})?$/.test(no);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
