/**
 * recogniseLabel: a waybill photo → the waybill number to propose, its carrier, ranked candidates,
 * receiver fragments and the regions read (for highlighting), in the photo's own coordinates.
 *
 * Barcode first (zxing-wasm: fast, checksummed); then the label's skew — from the barcode's own angle
 * when one was read, else from text lines — and a second barcode pass on the straightened image;
 * then text (tesseract eng). With a strong barcode the text pass reads only the band around it
 * (carrier header above, printed number and receiver below: the e-waybill layout); without one it
 * reads the whole label. chi_sim reads only the receiver line. Nothing is written anywhere.
 */
import type { WaybillPattern } from '../logistics/waybill-patterns.js';
import { readBarcodesFromGrey, type BarcodeRead } from './barcode.js';
import { chooseWaybill, rankCandidates, type CandidateSource, type WaybillCandidate } from './candidates.js';
import { cropToPng, estimateTextSkew, flattenLight, rotateGrey, type Grey } from './enhance.js';
import { boxOf, quadOf, roundBox, unrotate, type Box, type Point, type Quad } from './geometry.js';
import { loadPhoto, type PhotoFormat } from './image-input.js';
import { DEFAULT_LIMITS, type OcrLimits } from './limits.js';
import { readReceiver } from './receiver-pass.js';
import type { ReceiverFragments } from './receiver.js';
import { barcodeSightings, textSightings } from './sightings.js';
import { sharedOcrPool, type OcrEngine, type OcrLine } from './tesseract-pool.js';
import { detectCarrier, WAYBILL_PATTERNS } from '../logistics/waybill-patterns.js';
import { carriersNamedIn, type CarrierCode } from '../logistics/carriers.js';

export interface RecogniseOptions {
  /** The OCR pool; default the process-wide shared one (sharedOcrPool). */
  engine?: OcrEngine;
  limits?: Partial<OcrLimits>;
  /** The pattern table, e.g. with Taobao `reg_mail_no` overrides (withPatternOverrides). */
  patterns?: readonly WaybillPattern[];
  /** Read receiver fragments with chi_sim (default true; its time is in `timings.receiverMs`). */
  receiver?: boolean;
  /** 'barcode-only' and 'text-only' are for measuring each half (bench/ocr.ts). */
  mode?: 'full' | 'barcode-only' | 'text-only';
}

export type RegionKind = 'barcode' | 'waybill-text' | 'candidate-text' | 'carrier-name' | 'receiver';

export interface LabelRegion {
  kind: RegionKind;
  /** Axis-aligned box in the upright original photo's pixels. */
  box: Box;
  /** The same region's corners, for drawing it turned as the label is turned. */
  quad: Quad;
  text: string;
}

export interface LabelRecognition {
  waybillNo: string | null;
  carrier: CarrierCode | null;
  confidence: number;
  source: CandidateSource | null;
  candidates: WaybillCandidate[];
  receiver: ReceiverFragments;
  regions: LabelRegion[];
  /** What the barcodes alone proposed, before any text was read (bench/ocr.ts measures both). */
  barcodeChoice: string | null;
  /** Nothing valid read: the operator types the number (the photo was fine as an image). */
  problem: { reason: 'no-label'; message: string } | null;
  image: { width: number; height: number; format: PhotoFormat; skewDegrees: number };
  timings: { decodeMs: number; barcodeMs: number; textMs: number; receiverMs: number; totalMs: number };
}

/** Bytes of a JPEG, PNG, WebP or HEIC photo. Bad input throws OcrInputError (errors.ts). */
export async function recogniseLabel(bytes: Uint8Array, opts: RecogniseOptions = {}): Promise<LabelRecognition> {
  const started = performance.now();
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const patterns = opts.patterns ?? WAYBILL_PATTERNS;
  const mode = opts.mode ?? 'full';
  const engine = opts.engine ?? sharedOcrPool();
  const fits = (no: string) => detectCarrier(no, patterns).guesses.length > 0;

  const photo = await loadPhoto(bytes, limits);
  const work: Grey = { grey: photo.grey, width: photo.width, height: photo.height };
  const decodeMs = performance.now() - started;

  // 1. Barcodes on the photo as taken, and the skew they reveal.
  let t = performance.now();
  const reads: BarcodeRead[] = mode === 'text-only' ? [] : await readBarcodesFromGrey(work.grey, work.width, work.height);
  const strong = () => mainBarcode(reads, fits) !== null;
  // Text lines give the skew more exactly than a linear barcode's corners (zxing reports the rows it
  // scanned, a degree or two off); the barcode's angle is the fallback for a label with little text.
  const textSkew = await estimateTextSkew(work);
  const skew = textSkew ?? skewFromBarcodes(reads) ?? 0;
  const straight = Math.abs(skew) >= 1 ? await rotateGrey(work, skew) : work;
  const toWork = straight === work ? (p: Point) => p : unrotate(skew, straight, work);
  const toStraight = straight === work ? (p: Point) => p : unrotate(-skew, work, straight);
  if (mode !== 'text-only' && !strong()) {
    // 2. Straightened, a skewed linear code reads; if nothing reads at all, two more angles.
    const retries = straight === work ? [] : [0];
    if (!reads.some((r) => r.format !== 'QRCode')) retries.push(5, -5);
    for (const extra of retries) {
      const img = extra === 0 ? straight : await rotateGrey(work, skew + extra);
      const back = extra === 0 ? toWork : unrotate(skew + extra, img, work);
      for (const r of await readBarcodesFromGrey(img.grey, img.width, img.height)) reads.push({ ...r, quad: r.quad.map(back) as Quad });
      if (strong()) break;
    }
  }
  const barcodeMs = performance.now() - t;

  // 3. Text on the straightened, evenly lit image, barcodes blanked (their bars read as "lllI").
  //    With a barcode that fits a pattern, the band around it first; the whole label only when the
  //    band does not confirm a number (the barcode was the order id's, or the band read nothing).
  t = performance.now();
  const toOriginal = (p: Point): Point => ({ x: p.x / photo.scale, y: p.y / photo.scale });
  const fromStraight = (b: Box): Quad => quadOf(b).map((p) => toOriginal(toWork(p))) as Quad;
  const barcodesOut = reads.map((r) => ({ ...r, quad: r.quad.map(toOriginal) as Quad }));
  const rank = (lines: readonly OcrLine[]) => rankCandidates([
    ...barcodeSightings(barcodesOut.map((r) => ({ ...r, box: boxOf(r.quad) }))),
    ...textSightings(lines, fits).map((s) => ({ ...s, box: boxOf(fromStraight(s.box)) })),
  ], { patterns, labelText: lines.map((l) => l.text).join('\n') });
  let lines: OcrLine[] = [];
  let candidates = rank(lines);
  const barcodeChoice = chooseWaybill(candidates)?.waybillNo ?? null;
  let textArea: Box = { x: 0, y: 0, width: straight.width, height: straight.height };
  let lit: Grey | null = null;
  if (mode !== 'barcode-only') {
    lit = await flattenLight(straight);
    const blanks = reads.map((r) => grow(boxOf(r.quad.map(toStraight)), 6));
    const main = mainBarcode(reads, fits);
    let settled = false;
    if (main) {
      const band = bandAround(boxOf(main.quad.map(toStraight)), straight);
      lines = await readText(engine, lit, band, blanks);
      candidates = rank(lines);
      const best = chooseWaybill(candidates);
      settled = best !== null && best.source === 'barcode+text' && best.confidence >= FAST_ACCEPT;
      if (settled) textArea = band;
    }
    if (!settled) {
      lines = await readText(engine, lit, textArea, blanks);
      candidates = rank(lines);
    }
  }
  const textMs = performance.now() - t;
  const chosen = chooseWaybill(candidates);

  // 5. Receiver fragments: phone tail from the English pass, name from chi_sim on that line only.
  t = performance.now();
  const receiver = opts.receiver === false || !lit
    ? { result: { nameFragment: null, surname: null, phoneTail: null }, line: null }
    : await readReceiver(engine, lit, lines, textArea);
  const receiverMs = performance.now() - t;

  const regions: LabelRegion[] = [
    ...barcodesOut.map((r) => region('barcode', r.quad, r.text, photo.original)),
    ...lines.filter((l) => candidates.some((c) => sameNumber(l.text, c.waybillNo))).map((l) => {
      const isChosen = chosen !== null && sameNumber(l.text, chosen.waybillNo);
      return region(isChosen ? 'waybill-text' : 'candidate-text', fromStraight(l.box), l.text, photo.original);
    }),
    ...lines.filter((l) => /[A-Za-z]{2}/.test(l.text) && carriersNamedIn(l.text).length > 0 && !candidates.some((c) => sameNumber(l.text, c.waybillNo)))
      .map((l) => region('carrier-name', fromStraight(l.box), l.text, photo.original)),
    ...(receiver.line ? [region('receiver', fromStraight(receiver.line), receiver.text ?? '', photo.original)] : []),
  ];
  return {
    waybillNo: chosen?.waybillNo ?? null,
    carrier: chosen?.carrier ?? null,
    confidence: chosen?.confidence ?? 0,
    source: chosen?.source ?? null,
    candidates,
    barcodeChoice,
    receiver: receiver.result,
    regions,
    problem: chosen ? null : { reason: 'no-label', message: noLabelMessage(candidates, reads.length, lines.length) },
    image: { width: photo.original.width, height: photo.original.height, format: photo.original.format, skewDegrees: skew },
    timings: { decodeMs: ms(decodeMs), barcodeMs: ms(barcodeMs), textMs: ms(textMs), receiverMs: ms(receiverMs), totalMs: ms(performance.now() - started) },
  };
}

/** The widest linear code gives the label's angle; a QR code's top edge does too. */
function skewFromBarcodes(reads: readonly BarcodeRead[]): number | null {
  const linear = reads.filter((r) => r.format !== 'QRCode').sort((a, b) => b.length - a.length)[0];
  const any = linear ?? reads[0];
  if (!any || Math.abs(any.angle) > 45) return null;
  return Math.round(any.angle * 10) / 10;
}

function mainBarcode(reads: readonly BarcodeRead[], fits: (no: string) => boolean): BarcodeRead | null {
  return reads.filter((r) => r.format !== 'QRCode' && fits(r.text.toUpperCase())).sort((a, b) => b.length - a.length)[0] ?? null;
}

/**
 * The text band around the main barcode on an e-waybill: the carrier header sits within about two
 * barcode heights above it, the printed number and the receiver's line within about 1.5 below. The
 * address lines under it are left out on purpose: Chinese text is most of tesseract's time.
 */
function bandAround(b: Box, img: Grey): Box {
  const h = Math.max(b.height, b.width * 0.12);
  const x = Math.max(0, b.x - 0.3 * b.width);
  const y = Math.max(0, b.y - 2.1 * h);
  return { x, y, width: Math.min(img.width - x, 1.6 * b.width), height: Math.min(img.height - y, b.y + b.height + 1.5 * h - y) };
}

/** A barcode and its printed number agreeing this strongly needs no whole-label read (candidates.ts). */
const FAST_ACCEPT = 0.6;

/**
 * Small photos (a label far away, a thumbnail) are enlarged for tesseract, whose LSTM reads glyphs
 * under ~20 px poorly: up to 2× until the longer side reaches TEXT_SIDE.
 */
const TEXT_SIDE = 1200;

async function readText(engine: OcrEngine, img: Grey, area: Box, blanks: readonly Box[]): Promise<OcrLine[]> {
  const zoom = Math.min(2, Math.max(1, TEXT_SIDE / Math.max(img.width, img.height)));
  const lines = await engine.recognise(await cropToPng(img, area, blanks, zoom), 'eng', 'sparse');
  return lines.map((l) => shiftLine(l, area.x, area.y, 1 / zoom));
}

function grow(b: Box, by: number): Box {
  return { x: b.x - by, y: b.y - by, width: b.width + 2 * by, height: b.height + 2 * by };
}

function shiftLine(l: OcrLine, dx: number, dy: number, scale = 1): OcrLine {
  const s = (b: Box): Box => ({ x: b.x * scale + dx, y: b.y * scale + dy, width: b.width * scale, height: b.height * scale });
  return { ...l, box: s(l.box), words: l.words.map((w) => ({ ...w, box: s(w.box) })) };
}

/** Clamped to the photo: a box drawn on the straightened image can reach past a turned photo's edge. */
function region(kind: RegionKind, quad: Quad, text: string, image: { width: number; height: number }): LabelRegion {
  const q = quad.map((p) => ({ x: clamp(Math.round(p.x), 0, image.width), y: clamp(Math.round(p.y), 0, image.height) })) as Quad;
  return { kind, box: roundBox(boxOf(q)), quad: q, text };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}

function sameNumber(lineText: string, no: string): boolean {
  return lineText.toUpperCase().replace(/[^A-Z0-9]/g, '').includes(no.slice(-8));
}

function noLabelMessage(candidates: readonly WaybillCandidate[], barcodes: number, lines: number): string {
  if (candidates.length) return `读到的号码 (${candidates.slice(0, 3).map((c) => c.waybillNo).join(', ')}) 都不符合已知快递单号格式；请核对后手动输入 (no number read fits a carrier pattern)`;
  if (!barcodes && !lines) return '图片上没有找到面单：没有条码，也没有可读的文字 (no label found on the image)';
  return '面单上没有读到运单号；请拍清楚条码和单号后重试，或手动输入 (no waybill number read)';
}

function ms(x: number): number {
  return Math.round(x);
}
