/**
 * The one waybill-number pattern table (architecture.md "Data"): logistics, OCR and write-back use
 * it to guess a carrier from a number and to check a number against a carrier.
 *
 * These shapes are what real labels carry, collected from public samples (protocols.md §5.1 SF
 * `SF7444407228423`, §5.4 YTO `YT5555508965056`, §5.2 ZTO `73100196611386`) and carriers' published
 * formats [S]; the rest are [U]. Taobao's `reg_mail_no` per company (protocols.md §11.3) is the
 * platform's own regex and can be loaded as an override. A number that fits no pattern is a warning an
 * operator can override, never a rejection: carriers add number ranges without telling anyone.
 */
import type { CarrierCode } from './carriers.js';

export interface WaybillPattern {
  carrier: CarrierCode;
  pattern: RegExp;
  /** How sure a match makes us, before sharing with other carriers whose patterns also match. */
  weight: number;
  source: string;
}

export const WAYBILL_PATTERNS: readonly WaybillPattern[] = [
  { carrier: 'SF', pattern: /^SF\d{12,13}$/, weight: 0.98, source: 'protocols.md §5.1 sample SF7444407228423 [V]' },
  { carrier: 'SF', pattern: /^\d{12}$/, weight: 0.15, source: 'older SF 12-digit numbers [S]' },
  { carrier: 'YTO', pattern: /^YT\d{13,14}$/, weight: 0.98, source: 'protocols.md §5.4 sample YT5555508965056 [V]' },
  { carrier: 'JTEXPRESS', pattern: /^JT\d{13}$/, weight: 0.97, source: 'J&T labels [S]' },
  { carrier: 'JD', pattern: /^JD[A-Z]{0,2}\d{10,13}$/, weight: 0.96, source: 'JD labels JDVA…/JDX… (package suffix -n-m- removed by normaliseWaybillNo) [S]' },
  { carrier: 'DBL', pattern: /^DPK\d{12}$/, weight: 0.96, source: 'Deppon labels [S]' },
  { carrier: 'EMS', pattern: /^[A-Z]{2}\d{9}CN$/, weight: 0.95, source: 'UPU S10 international (EMS) [S]' },
  { carrier: 'EMS', pattern: /^(1[0-9]|98|50|51)\d{11}$/, weight: 0.55, source: 'EMS domestic 13 digits [S]' },
  // ZTO and STO share the 77… prefix; their lengths differ (ZTO 12 or 14 digits, STO 13 or 15).
  { carrier: 'ZTO', pattern: /^(7[0-9]|5[0-9]|6[0-9]|2[0-9]|3[0-9])(\d{10}|\d{12})$/, weight: 0.55, source: 'protocols.md §5.2 sample 73100196611386 [V]; prefixes and 12/14-digit lengths [S]' },
  { carrier: 'STO', pattern: /^(77|88|66|55|99|33|26|22)(\d{11}|\d{13})$/, weight: 0.5, source: 'STO labels 77…, 13 or 15 digits [S]' },
  { carrier: 'YUNDA', pattern: /^(43|46|31|32|34|35|10|12|19|44)\d{11,13}$/, weight: 0.5, source: 'Yunda labels 43…/46… [S]' },
  { carrier: 'BEST', pattern: /^(5|6|7|A)\d{11,13}$/, weight: 0.2, source: 'BEST labels [U]' },
  { carrier: 'CAINIAO', pattern: /^(CN|LP)\d{12,16}$/, weight: 0.6, source: 'Cainiao numbers [U]' },
];

export interface CarrierGuess {
  carrier: CarrierCode;
  /** 0..1; shared between carriers whose patterns all match the same number. */
  confidence: number;
  source: string;
}

export interface WaybillCheck {
  waybillNo: string;
  guesses: CarrierGuess[];
  /** Set when nothing fits: the operator may still confirm the number. */
  warning: string | null;
}

/** Labels print numbers in groups ("SF 1234 5678 9012 3") and OCR reads dashes and lower case. */
export function normaliseWaybillNo(raw: string): string {
  const text = raw.normalize('NFKC').trim().toUpperCase();
  // JD prints the package after the number — JDVA00012345678-1-1- is package 1 of 1 — and the waybill
  // is what precedes it; removing the dashes alone would glue the package digits onto the number.
  const jd = /^(JD[A-Z0-9 ]+?)-\d+-\d+-?$/.exec(text);
  return (jd ? jd[1]! : text).replace(/[\s\-_.·]/g, '');
}

export function detectCarrier(raw: string, table: readonly WaybillPattern[] = WAYBILL_PATTERNS): WaybillCheck {
  const waybillNo = normaliseWaybillNo(raw);
  const best = new Map<string, WaybillPattern>();
  for (const p of table) {
    if (!p.pattern.test(waybillNo)) continue;
    const had = best.get(p.carrier);
    if (!had || had.weight < p.weight) best.set(p.carrier, p);
  }
  const matches = [...best.values()];
  // A number several carriers could own is less certain for each: the strongest keeps its share.
  const total = matches.reduce((s, p) => s + p.weight, 0);
  const guesses = matches
    .map((p) => ({ carrier: p.carrier, confidence: round(matches.length === 1 ? p.weight : (p.weight * p.weight) / Math.max(total, 1)), source: p.source }))
    .sort((a, b) => b.confidence - a.confidence || a.carrier.localeCompare(b.carrier));
  const warning = guesses.length === 0
    ? waybillNo.length < 8 || waybillNo.length > 32
      ? `运单号长度 ${waybillNo.length} 不像任何快递单号 (number of length ${waybillNo.length} fits no carrier)`
      : `运单号不符合任何已知快递格式 (number fits no known carrier pattern)`
    : null;
  return { waybillNo, guesses, warning };
}

/** Does the number fit the carrier's patterns? A misfit is a warning for the operator, not an error. */
export function fitsCarrier(raw: string, carrier: CarrierCode, table: readonly WaybillPattern[] = WAYBILL_PATTERNS): boolean {
  const no = normaliseWaybillNo(raw);
  return table.some((p) => p.carrier === carrier && p.pattern.test(no));
}

/** Configured patterns (e.g. Taobao `reg_mail_no`, protocols.md §11.3) come first and win ties. */
export function withPatternOverrides(extra: readonly { carrier: string; pattern: string; weight?: number }[]): WaybillPattern[] {
  return [
    ...extra.map((e) => ({ carrier: e.carrier, pattern: new RegExp(e.pattern), weight: e.weight ?? 0.9, source: 'configured' })),
    ...WAYBILL_PATTERNS,
  ];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
