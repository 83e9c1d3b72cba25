/**
 * recogniseLabel end to end on generated label photos (test/ocr-labels/fixtures, one per distortion
 * kind, with damaged, covered and absent barcodes among them), other formats, EXIF orientation, a photo
 * with no label, and the worker pool's recycling and shutdown. The OCR test files take turns
 * (test/support/ocr-serial.ts) and share one pool, shut down at the end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdOcrTurn } from '../../test/support/ocr-serial.js';
import { recogniseLabel, sharedOcrPool, shutdownSharedOcrPool } from './index.js';
import { localWorkerFactory, OcrPool } from './tesseract-pool.js';

const FIXTURES = join(__dirname, '..', '..', 'test', 'ocr-labels', 'fixtures');
const TRUTH = JSON.parse(readFileSync(join(FIXTURES, 'truth.json'), 'utf8')) as Record<string, { waybillNo: string; carrier: string; kind: string; barcode: string; phoneTail: string }>;
const photo = (name: string) => readFileSync(join(FIXTURES, name));
const CLEAN = 'label-7-000-SF-clean-intact.jpg';

let release: () => void = () => undefined;
beforeAll(async () => {
  release = await holdOcrTurn();
}, 300_000);
afterAll(async () => {
  await shutdownSharedOcrPool();
  expect(sharedOcrPool().liveWorkers()).toEqual({}); // a fresh pool: the old one's workers are gone
  await shutdownSharedOcrPool();
  release();
});

describe('generated label photos', () => {
  const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.jpg')).sort();

  it('covers every distortion kind and every barcode state', () => {
    expect(new Set(names.map((n) => TRUTH[n]!.kind))).toEqual(new Set(['clean', 'rotation', 'blur', 'noise', 'perspective', 'half-size', 'jpeg-45', 'uneven-light', 'combined']));
    expect(new Set(names.map((n) => TRUTH[n]!.barcode))).toEqual(new Set(['intact', 'damaged', 'covered', 'absent']));
  });

  it.each(names)('%s: the waybill number and carrier, not a distractor', async (name) => {
    const truth = TRUTH[name]!;
    const r = await recogniseLabel(photo(name));
    expect({ waybillNo: r.waybillNo, carrier: r.carrier }).toEqual({ waybillNo: truth.waybillNo, carrier: truth.carrier });
    expect(r.confidence).toBeGreaterThan(0.5);
    // With the waybill barcode gone, only the printed number can have given it.
    if (truth.barcode === 'absent') expect(r.source).toBe('text');
    if (truth.barcode === 'intact') expect(r.source).toMatch(/barcode/);
    // Regions are inside the photo as taken.
    for (const g of r.regions) {
      expect(g.box.x).toBeGreaterThanOrEqual(-2);
      expect(g.box.y).toBeGreaterThanOrEqual(-2);
      expect(g.box.x + g.box.width).toBeLessThanOrEqual(r.image.width + 2);
      expect(g.box.y + g.box.height).toBeLessThanOrEqual(r.image.height + 2);
    }
  });
});

describe('formats, orientation and regions', () => {
  it('reads the same number from PNG, WebP, HEIC and a sideways JPEG with EXIF orientation', async () => {
    const jpeg = photo(CLEAN);
    const inputs = {
      png: await sharp(jpeg).png().toBuffer(),
      webp: await sharp(jpeg).webp({ quality: 75 }).toBuffer(),
      heic: photo('label-7-000-SF-clean-intact.heic'),
      exif: await sharp(jpeg).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 88 }).toBuffer(),
    };
    for (const [format, bytes] of Object.entries(inputs)) {
      const r = await recogniseLabel(bytes, { receiver: false });
      expect({ format, waybillNo: r.waybillNo }).toEqual({ format, waybillNo: TRUTH[CLEAN]!.waybillNo });
      expect(r.image.height).toBeGreaterThan(r.image.width); // upright, as the label was photographed
    }
  });

  it('places regions in the original photo: the barcode above its printed number, on a rotated and on a half-size photo', async () => {
    for (const name of [CLEAN, 'label-7-001-ZTO-rotation-intact.jpg']) {
      const r = await recogniseLabel(photo(name));
      const bar = r.regions.find((g) => g.kind === 'barcode' && g.text === r.waybillNo)!;
      const printed = r.regions.find((g) => g.kind === 'waybill-text')!;
      expect(bar).toBeDefined();
      expect(printed).toBeDefined();
      const centre = (b: { x: number; y: number; width: number; height: number }) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
      // Along the label's own "down" (turned by the skew), the printed number follows the barcode closely.
      const a = (r.image.skewDegrees * Math.PI) / 180;
      const down = (p: { x: number; y: number }) => -p.x * Math.sin(a) + p.y * Math.cos(a);
      const gap = down(centre(printed.box)) - down(centre(bar.box));
      expect(gap).toBeGreaterThan(0);
      expect(gap).toBeLessThan(bar.box.height * 2.5);
    }
    const full = await recogniseLabel(photo(CLEAN), { receiver: false });
    const half = await recogniseLabel(await sharp(photo(CLEAN)).resize(460).jpeg().toBuffer(), { receiver: false });
    const fullBar = full.regions.find((g) => g.kind === 'barcode' && g.text === full.waybillNo)!.box;
    const halfBar = half.regions.find((g) => g.kind === 'barcode' && g.text === half.waybillNo)!.box;
    const k = full.image.width / half.image.width;
    expect(Math.abs(halfBar.x * k - fullBar.x)).toBeLessThan(20);
    expect(Math.abs(halfBar.y * k - fullBar.y)).toBeLessThan(20);
  });

  it('reads receiver fragments on a clean label: the phone tail; marks the carrier name', async () => {
    const r = await recogniseLabel(photo(CLEAN));
    expect(r.regions.filter((g) => g.kind === 'carrier-name').map((g) => g.text)).toContain('SF EXPRESS');
    expect(r.receiver.phoneTail).toBe(TRUTH[CLEAN]!.phoneTail);
    expect(r.regions.some((g) => g.kind === 'receiver')).toBe(true);
    expect(r.timings.totalMs).toBeGreaterThanOrEqual(r.timings.textMs);
  });
});

describe('no label', () => {
  it('an image without a label is a result with a clear problem, not a guess', async () => {
    const cardboard = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 176, g: 150, b: 112 } } })
      .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><circle cx="300" cy="260" r="120" fill="#8a6d4a"/><rect x="520" y="80" width="160" height="380" fill="#c9b08a"/></svg>') }])
      .jpeg()
      .toBuffer();
    const r = await recogniseLabel(cardboard);
    expect(r.waybillNo).toBeNull();
    expect(r.source).toBeNull();
    expect(r.problem).toMatchObject({ reason: 'no-label' });
    expect(r.problem!.message).toMatch(/no label found|no waybill number/);
  });

  it('a label whose numbers fit no carrier offers them as candidates but proposes none', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="700" height="300"><rect width="700" height="300" fill="#fff"/><text x="30" y="120" font-family="Noto Sans CJK SC" font-size="40">单号 9999 8888 7777 4444 55</text></svg>`;
    const r = await recogniseLabel(await sharp(Buffer.from(svg)).png().toBuffer(), { receiver: false });
    expect(r.waybillNo).toBeNull();
    expect(r.candidates[0]).toMatchObject({ waybillNo: '999988887777444455', fitsPattern: false });
    expect(r.problem!.message).toMatch(/fits a carrier pattern/);
  });
});

describe('the OCR pool', () => {
  it('recycles a worker after its job quota and refuses work once shut down', async () => {
    let started = 0;
    const pool = new OcrPool({ size: 1, maxJobsPerWorker: 2, workerFactory: async (lang) => { started++; return localWorkerFactory(lang); } });
    const png = await sharp(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="420" height="70"><rect width="420" height="70" fill="#fff"/><text x="10" y="50" font-family="sans-serif" font-size="36">SF 1234 5678 9012</text></svg>')).png().toBuffer();
    const texts: string[] = [];
    for (let i = 0; i < 5; i++) texts.push((await pool.recognise(png, 'eng', 'line')).map((l) => l.text).join(' '));
    expect(texts.every((t) => t.replace(/\s/g, '') === 'SF123456789012')).toBe(true);
    expect(started).toBe(3); // jobs 1–2, 3–4, 5: a fresh worker after every second job
    expect(pool.liveWorkers()).toEqual({ eng: 1 });
    await pool.shutdown();
    expect(pool.liveWorkers()).toEqual({});
    await expect(pool.recognise(png, 'eng', 'line')).resolves.toBeDefined(); // a shut pool starts afresh on demand…
    await pool.shutdown(); // …and shuts again
  });
});
