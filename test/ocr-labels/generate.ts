/**
 * The generated photo set: label + distortion + ground truth, all from one seed. Kinds cycle so
 * every distortion kind is equally represented; the waybill barcode is damaged, covered or absent on
 * a fixed share of photos (default 36 %, the issue asks for ≥ 30 %).
 *
 * `node --import tsx test/ocr-labels/generate.ts --out DIR [--count N] [--seed S]` writes the photos
 * and a truth.json, for looking at them; tests and the bench generate in memory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CARRIER_STYLES } from './carrier-styles.js';
import { DISTORTION_KINDS, photograph, type DistortionKind, type PhotoTruth } from './distort.js';
import { makeLabel, type BarcodeState, type LabelTruth } from './label.js';
import { seededRng } from './rng.js';

export interface GeneratedPhoto {
  name: string;
  bytes: Buffer;
  truth: LabelTruth & PhotoTruth;
}

export interface PhotoSetOptions {
  seed: number;
  count: number;
  kinds?: readonly DistortionKind[];
  /** Share of photos whose waybill barcode is not intact. */
  barcodeTrouble?: number;
}

const TROUBLE: readonly BarcodeState[] = ['damaged', 'covered', 'absent'];

export async function* generatePhotos(opts: PhotoSetOptions): AsyncGenerator<GeneratedPhoto> {
  for (let i = 0; i < opts.count; i++) yield generatePhoto(opts, i);
}

/** Photo `i` of the set: depends only on the seed and `i`, so a set can be made in parallel slices. */
export async function generatePhoto(opts: Omit<PhotoSetOptions, 'count'>, i: number): Promise<GeneratedPhoto> {
  const kinds = opts.kinds ?? DISTORTION_KINDS;
  const trouble = opts.barcodeTrouble ?? 0.36;
  const rng = seededRng(opts.seed * 100_003 + i);
  const kind = kinds[i % kinds.length]!;
  const carrier = CARRIER_STYLES[Math.floor(i / kinds.length + i) % CARRIER_STYLES.length]!.code;
  // Spread troubled barcodes evenly over the set rather than leaving it to chance, cycling through
  // damaged, covered and absent.
  const troubled = Math.floor((i + 1) * trouble) > Math.floor(i * trouble);
  const barcode: BarcodeState = troubled ? TROUBLE[Math.floor(i * trouble) % TROUBLE.length]! : 'intact';
  const label = await makeLabel(rng, { carrier, barcode });
  const { bytes, photo } = await photograph(label.svg, kind, rng);
  return { name: `label-${opts.seed}-${String(i).padStart(3, '0')}-${carrier}-${kind}-${barcode}.jpg`, bytes, truth: { ...label.truth, ...photo } };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, count: { type: 'string' }, seed: { type: 'string' } } });
  if (!values.out) throw new Error('--out DIR is required');
  mkdirSync(values.out, { recursive: true });
  const truths: Record<string, unknown> = {};
  for await (const p of generatePhotos({ seed: Number(values.seed ?? 1), count: Number(values.count ?? 18) })) {
    writeFileSync(join(values.out, p.name), p.bytes);
    truths[p.name] = p.truth;
  }
  writeFileSync(join(values.out, 'truth.json'), `${JSON.stringify(truths, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) await main();
