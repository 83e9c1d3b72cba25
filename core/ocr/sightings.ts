/**
 * Sightings: every place a waybill-shaped string was read — a barcode, or a run of printed words
 * ("SF 2530 3400 1247 2" is five words on a label). OCR's usual digit confusions are repaired here,
 * and the number of repairs is kept, because each one is a guess that lowers the reading's weight.
 */
import { carriersNamedIn } from '../logistics/carriers.js';
import { normaliseWaybillNo, WAYBILL_PATTERNS, type WaybillPattern } from '../logistics/waybill-patterns.js';
import type { BarcodeFormat } from './barcode.js';
import type { Box } from './geometry.js';
import type { OcrLine } from './tesseract-pool.js';

export interface Sighting {
  waybillNo: string;
  source: 'barcode' | 'text';
  /** 0..1: how sure the characters are (a checksummed barcode ≈ 0.97; text: OCR confidence less repairs). */
  reading: number;
  /** 0..1: size against the largest of its kind (widest linear barcode, tallest number text). */
  prominence: number;
  /** Printed next to "Order"/订单 (a platform order id), or next to "Waybill"/运单/No. */
  context: 'order' | 'waybill' | null;
  box: Box;
  format?: BarcodeFormat;
  repairs: number;
}

const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', Q: '0', D: '0', U: '0', I: '1', L: '1', '|': '1', '!': '1', Z: '2', S: '5', B: '8', G: '6', T: '7' };

/**
 * Letter prefixes the pattern table knows (SF, YT, JT, JD, DPK, CN, LP…), read off the table itself
 * so a configured carrier's prefix is repaired too.
 */
function prefixesOf(p: WaybillPattern): string[] {
  const src = p.pattern.source;
  const plain = /^\^([A-Z]{2,4})/.exec(src);
  if (plain) return [plain[1]!];
  const alt = /^\^\(([A-Z|]+)\)/.exec(src);
  return alt ? alt[1]!.split('|') : [];
}

export const KNOWN_PREFIXES: readonly string[] = [...new Set(WAYBILL_PATTERNS.flatMap(prefixesOf))];

function prefixesOfCarriers(carriers: readonly string[]): string[] {
  return [...new Set(WAYBILL_PATTERNS.filter((p) => carriers.includes(p.carrier)).flatMap(prefixesOf))];
}

/** A plausible waybill string: an optional letter prefix, then digits, 10–26 characters. */
export function repairWaybillToken(raw: string): { waybillNo: string; repairs: number } | null {
  const token = normaliseWaybillNo(raw).replace(/[^A-Z0-9|!]/g, '');
  if (token.length < 10 || token.length > 26) return null;
  const suffix = /\dCN$/.test(token) ? 'CN' : ''; // UPU S10 numbers (EMS international) end in CN
  const core = token.slice(0, token.length - suffix.length);
  const known = KNOWN_PREFIXES.filter((k) => core.startsWith(k)).sort((a, b) => b.length - a.length)[0];
  let prefix = known ? core.slice(0, Math.max(known.length, /^[A-Z]{0,4}/.exec(core)![0].length)) : suffix ? core.slice(0, 2) : '';
  let repairs = 0;
  let digits = toDigits(core.slice(prefix.length));
  // A prefix one character off a known one ("5F", "YI", "J7") is repaired when the rest is digits.
  if (!digits && !prefix) {
    const near = KNOWN_PREFIXES.find((k) => distanceOne(k, core.slice(0, k.length)) && toDigits(core.slice(k.length)) !== null);
    digits = near ? toDigits(core.slice(near.length)) : null;
    if (near && digits) { prefix = near; repairs++; }
  }
  if (!digits) return null;
  repairs += digits.repairs;
  if (repairs > 3 || digits.value.length < 8) return null;
  return { waybillNo: `${prefix}${digits.value}${suffix}`, repairs };
}

function toDigits(body: string): { value: string; repairs: number } | null {
  let value = '';
  let repairs = 0;
  for (const ch of body) {
    if (ch >= '0' && ch <= '9') value += ch;
    else if (DIGIT_LOOKALIKES[ch]) { value += DIGIT_LOOKALIKES[ch]; repairs++; }
    else return null;
  }
  return { value, repairs };
}

function distanceOne(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
  return diff === 1;
}

/** A mobile number (11 digits, 1[3-9]…): printed for the receiver and sender, never a waybill. */
export function looksLikePhone(no: string): boolean {
  return /^1[3-9]\d{9}$/.test(no);
}

const ORDER_KEYS = /(order|oid|tid|[?&]id)\s*[=:]/i;
const ORDER_WORDS = /(order|订单|0rder|ordr)/i;
const WAYBILL_WORDS = /(waybill|运单|no\.|单号)/i;
/** Words that end a run: times, dates with slashes, weights, prices, labels ending in a colon. */
const BREAKS = /[:：/]|kg$|\.\d/i;

export function textSightings(lines: readonly OcrLine[], accept: (no: string) => boolean): Sighting[] {
  const out: Sighting[] = [];
  // The prefixes of carriers named on the label: a garbled word before a digit run may be one of them.
  const namedPrefixes = prefixesOfCarriers(carriersNamedIn(lines.map((l) => l.text).join('\n')));
  for (const line of lines) {
    const context = ORDER_WORDS.test(line.text) ? 'order' : WAYBILL_WORDS.test(line.text) ? 'waybill' : null;
    for (const run of runsOf(line)) {
      for (const best of bestWindows(run, accept, namedPrefixes)) {
        const words = run.slice(best.from, best.to);
        const ocr = words.reduce((s, w) => s + w.confidence, 0) / words.length / 100;
        out.push({
          waybillNo: best.waybillNo,
          source: 'text',
          reading: clamp01(Math.min(0.95, ocr) - 0.08 * best.repairs),
          prominence: median(words.map((w) => w.box.height)),
          context,
          box: unionBox(words.map((w) => w.box)),
          repairs: best.repairs,
        });
      }
    }
  }
  // Prominence was a raw glyph height: make it relative to the tallest number text.
  const tallest = Math.max(1, ...out.map((s) => s.prominence));
  for (const s of out) s.prominence = s.prominence / tallest;
  return out;
}

type Word = OcrLine['words'][number];

/** Words close enough to be one printed number in groups; a date, time or weight ends the run. */
function runsOf(line: OcrLine): Word[][] {
  const words = [...line.words].sort((a, b) => a.box.x - b.box.x);
  const runs: Word[][] = [];
  let run: Word[] = [];
  for (const w of words) {
    const clean = w.text.replace(/^[^A-Za-z0-9|]+|[^A-Za-z0-9|]+$/g, '');
    // A phone number is a word of its own: joined to a neighbour's digits it would fit a pattern.
    if (!clean || BREAKS.test(w.text) || looksLikePhone(clean)) {
      if (run.length) runs.push(run);
      run = [];
      continue;
    }
    const prev = run[run.length - 1];
    if (prev && w.box.x - (prev.box.x + prev.box.width) > 1.6 * Math.max(prev.box.height, w.box.height)) {
      runs.push(run);
      run = [];
    }
    run.push({ ...w, text: clean });
  }
  if (run.length) runs.push(run);
  return runs;
}

/**
 * The longest window of a run that fits a carrier pattern (a shorter window of "SF 2530 3400 1247 2"
 * also fits SF's 12–13 digits, so longest wins); failing that, the longest number-like window, kept as
 * a misfit the operator may still pick.
 */
type Window = { from: number; to: number; waybillNo: string; repairs: number };

/**
 * The best window, plus — when the word just before it is garbled and as long as a prefix of a
 * carrier the label names ("vr 5988 3189 6446 1" on a YTO label) — that prefix put back, each
 * substituted letter counted as a repair. Ranking then weighs the two readings.
 */
function bestWindows(run: Word[], accept: (no: string) => boolean, namedPrefixes: readonly string[]): Window[] {
  const best = bestWindow(run, accept);
  if (!best || best.from === 0) return best ? [best] : [];
  const before = run[best.from - 1]!.text.toUpperCase();
  const restored = namedPrefixes
    .filter((k) => k.length === before.length && before !== k)
    .map((k) => ({ k, fixed: repairWaybillToken(k + run.slice(best.from, best.to).map((w) => w.text).join('')) }))
    .filter((v) => v.fixed && accept(v.fixed.waybillNo))
    .map(({ k, fixed }) => ({ from: best.from - 1, to: best.to, waybillNo: fixed!.waybillNo, repairs: fixed!.repairs + [...k].filter((ch, i) => before[i] !== ch).length }))
    .filter((w) => w.repairs <= 3);
  return [best, ...restored];
}

function bestWindow(run: Word[], accept: (no: string) => boolean): Window | null {
  let misfit: Window | null = null;
  // Only words that are not digit groups may be dropped from a run's ends ("{EHS 4318 3205 36651"):
  // dropping a digit group would cut a longer number into a shorter one that happens to fit.
  const droppable = run.map((w) => !/^\d+$/.test(w.text));
  for (let len = Math.min(run.length, 7); len >= 1; len--) {
    for (let from = 0; from + len <= run.length; from++) {
      if (!droppable.slice(0, from).every(Boolean) || !droppable.slice(from + len).every(Boolean)) continue;
      const repaired = repairWaybillToken(run.slice(from, from + len).map((w) => w.text).join(''));
      if (!repaired || looksLikePhone(repaired.waybillNo)) continue;
      if (accept(repaired.waybillNo)) return { from, to: from + len, ...repaired };
      misfit ??= { from, to: from + len, ...repaired };
    }
  }
  return misfit && misfit.repairs === 0 ? misfit : null;
}

export function barcodeSightings(reads: readonly { text: string; format: BarcodeFormat; box: Box; length: number }[]): Sighting[] {
  const linear = reads.filter((r) => r.format !== 'QRCode');
  const widest = Math.max(1, ...linear.map((r) => r.length));
  const out: Sighting[] = [];
  for (const r of reads) {
    // A QR code carries a URL or a record; any waybill-shaped token inside it is a sighting.
    const tokens = r.format === 'QRCode' ? r.text.toUpperCase().match(/[A-Z]{0,4}\d{9,}[A-Z]{0,2}/g) ?? [] : [r.text];
    // A QR record that names its number an order id (…?order=, oid=, tid=, id=) marks that number
    // as the platform order, wherever else it is printed or barcoded.
    const context = r.format === 'QRCode' && ORDER_KEYS.test(r.text) ? 'order' : null;
    for (const t of tokens) {
      const no = normaliseWaybillNo(t);
      if (!/^[A-Z0-9]{8,32}$/.test(no) || looksLikePhone(no)) continue;
      out.push({
        waybillNo: no,
        source: 'barcode',
        reading: 0.97, // Code 128 and QR carry check characters: a decoded string is almost never wrong.
        prominence: r.format === 'QRCode' ? 0.5 : r.length / widest,
        context,
        box: r.box,
        format: r.format,
        repairs: 0,
      });
    }
  }
  return out;
}

function unionBox(boxes: readonly Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}
