/** Photo decoding and its limits: formats, EXIF orientation and every kind of bad input. No OCR. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { OcrInputError } from './errors.js';
import { loadPhoto, sniffFormat } from './image-input.js';
import { DEFAULT_LIMITS } from './limits.js';

const FIXTURES = join(__dirname, '..', '..', 'test', 'ocr-labels', 'fixtures');
const label = readFileSync(join(FIXTURES, 'label-7-000-SF-clean-intact.jpg'));

async function reason(bytes: Uint8Array, limits = DEFAULT_LIMITS): Promise<string> {
  try {
    await loadPhoto(bytes, limits);
  } catch (err) {
    expect(err).toBeInstanceOf(OcrInputError);
    expect((err as OcrInputError).toData()).toMatchObject({ type: 'ValidationError' });
    return (err as OcrInputError).reason;
  }
  throw new Error('expected the photo to be refused');
}

/** A valid PNG whose header claims `width × height` pixels: a decompression bomb's shape. */
function claimedPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  // One row of zeros compressed; the rest is "missing" but the header is all a bomb needs to be refused.
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(width + 1))), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

describe('loadPhoto', () => {
  it('reads JPEG, PNG, WebP and iPhone HEIC to the same upright greyscale picture', async () => {
    const jpeg = await loadPhoto(label, DEFAULT_LIMITS);
    const meta = await sharp(label).metadata();
    expect(jpeg.original).toEqual({ width: meta.width, height: meta.height, format: 'jpeg' });
    const png = await loadPhoto(await sharp(label).png().toBuffer(), DEFAULT_LIMITS);
    const webp = await loadPhoto(await sharp(label).webp({ quality: 80 }).toBuffer(), DEFAULT_LIMITS);
    const heic = await loadPhoto(readFileSync(join(FIXTURES, 'label-7-000-SF-clean-intact.heic')), DEFAULT_LIMITS);
    expect([png.original.format, webp.original.format, heic.original.format]).toEqual(['png', 'webp', 'heic']);
    expect(heic.original.width).toBe(640);
    for (const img of [png, webp]) {
      expect(img.grey.length).toBe(img.width * img.height);
      expect(meanAbsDiff(img.grey, jpeg.grey)).toBeLessThan(6);
    }
  });

  it('applies EXIF orientation: a photo stored sideways comes out upright', async () => {
    const sideways = await sharp(label).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer();
    const meta = await sharp(label).metadata();
    expect((await sharp(sideways).metadata()).width).toBe(meta.height); // stored landscape
    const upright = await loadPhoto(sideways, DEFAULT_LIMITS);
    const straight = await loadPhoto(label, DEFAULT_LIMITS);
    expect(upright.original).toMatchObject({ width: meta.width, height: meta.height });
    expect(meanAbsDiff(upright.grey, straight.grey)).toBeLessThan(6);
  });

  it('scales big photos down to the working size and reports the scale', async () => {
    const big = await sharp(label).resize(2760).jpeg().toBuffer();
    const meta = await sharp(big).metadata();
    const img = await loadPhoto(big, DEFAULT_LIMITS);
    expect(Math.max(img.width, img.height)).toBe(DEFAULT_LIMITS.workSide);
    expect(img.scale).toBeCloseTo(img.width / meta.width!, 6);
    expect(img.scale).toBeCloseTo(DEFAULT_LIMITS.workSide / Math.max(meta.width!, meta.height!), 2);
  });

  it('refuses what is not an image, and says so', async () => {
    expect(sniffFormat(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(await reason(Buffer.from('order_id,waybill\n1,SF123\n'))).toBe('not-an-image');
    expect(await reason(Buffer.alloc(0))).toBe('not-an-image');
    // Right magic, garbage after it.
    expect(await reason(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]))).toMatch(/not-an-image|truncated/);
  });

  it('refuses truncated JPEG, PNG and HEIC files as truncated', async () => {
    expect(await reason(label.subarray(0, Math.floor(label.length * 0.6)))).toBe('truncated');
    const png = await sharp(label).png().toBuffer();
    expect(await reason(png.subarray(0, Math.floor(png.length * 0.5)))).toBe('truncated');
    const heic = readFileSync(join(FIXTURES, 'label-7-000-SF-clean-intact.heic'));
    expect(await reason(heic.subarray(0, Math.floor(heic.length * 0.5)))).toBe('truncated');
  });

  it('refuses a decompression bomb from its header, before allocating its pixels', async () => {
    const bomb = claimedPng(60_000, 60_000); // 3.6 gigapixels in a file of a few hundred bytes
    expect(bomb.length).toBeLessThan(1000);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    expect(await reason(bomb)).toBe('too-many-pixels');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    // A real image over a configured pixel limit is refused the same way.
    expect(await reason(label, { ...DEFAULT_LIMITS, maxPixels: 500_000 })).toBe('too-many-pixels');
  });

  it('refuses a file over the byte limit without decoding it', async () => {
    expect(await reason(label, { ...DEFAULT_LIMITS, maxInputBytes: 50_000 })).toBe('too-large');
  });
});

function meanAbsDiff(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
}
