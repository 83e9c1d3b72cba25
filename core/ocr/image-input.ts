/**
 * Photo bytes → the upright greyscale image the recogniser works on. sharp does JPEG, PNG and WebP
 * (and EXIF orientation); iPhone HEIC goes through heic-decode first, since sharp's prebuilt libvips
 * decodes AVIF but not HEVC. Limits are checked before pixels are allocated; nothing is written.
 */
import sharp from 'sharp';
import { OcrInputError } from './errors.js';
import { decodeHeic } from './heic.js';
import type { OcrLimits } from './limits.js';

export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'heic' | 'avif';

export interface WorkImage {
  /** 8-bit greyscale, row-major, `width × height`. */
  grey: Buffer;
  width: number;
  height: number;
  /** Work pixels per original pixel (≤ 1): original = work / scale. */
  scale: number;
  /** The upright photo (EXIF orientation applied, as a browser shows it). */
  original: { width: number; height: number; format: PhotoFormat };
}

export function sniffFormat(bytes: Uint8Array): PhotoFormat | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (b.length >= 12 && ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1'].includes(brand)) return 'heic';
  }
  return null;
}

export async function loadPhoto(bytes: Uint8Array, limits: OcrLimits): Promise<WorkImage> {
  if (bytes.length > limits.maxInputBytes) {
    throw new OcrInputError('too-large', `图片太大 (${mb(bytes.length)} MB，上限 ${mb(limits.maxInputBytes)} MB)；请上传手机拍的原图或压缩后再试 (file too large)`, { bytes: bytes.length, maxInputBytes: limits.maxInputBytes });
  }
  const format = sniffFormat(bytes);
  if (!format) throw new OcrInputError('not-an-image', '不是图片文件：只支持 JPEG、PNG、WebP 和 HEIC (not an image)');
  const input = format === 'heic' ? await heicToRaw(bytes, limits) : null;
  const base = () =>
    input
      ? sharp(input.data, { raw: { width: input.width, height: input.height, channels: 4 }, limitInputPixels: limits.maxPixels })
      : sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'truncated', sequentialRead: true });
  try {
    const meta = await base().metadata();
    const w = meta.width ?? 0;
    const h = meta.height ?? 0;
    checkPixels(w, h, limits);
    const swapped = (meta.orientation ?? 1) >= 5; // EXIF 5–8 turn the picture by 90°
    const original = { width: swapped ? h : w, height: swapped ? w : h, format };
    const scale = Math.min(1, limits.workSide / Math.max(original.width, original.height));
    const { data, info } = await base()
      .rotate() // EXIF orientation
      .resize({ width: Math.max(1, Math.round(original.width * scale)), height: Math.max(1, Math.round(original.height * scale)), fit: 'fill', kernel: 'lanczos3' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { grey: data, width: info.width, height: info.height, scale: info.width / original.width, original };
  } catch (err) {
    throw asInputError(err, format);
  }
}

async function heicToRaw(bytes: Uint8Array, limits: OcrLimits): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  let images;
  try {
    images = await decodeHeic.all({ buffer: bytes });
  } catch (err) {
    throw new OcrInputError('truncated', `HEIC 图片无法解码，文件可能不完整 (HEIC could not be decoded: ${message(err)})`);
  }
  try {
    const first = images[0];
    if (!first) throw new OcrInputError('not-an-image', 'HEIC 文件里没有图片 (no image in the HEIC file)');
    checkPixels(first.width, first.height, limits);
    return await first.decode();
  } catch (err) {
    if (err instanceof OcrInputError) throw err;
    throw new OcrInputError('truncated', `HEIC 图片无法解码，文件可能不完整 (HEIC could not be decoded: ${message(err)})`);
  } finally {
    images.dispose();
  }
}

function checkPixels(width: number, height: number, limits: OcrLimits): void {
  if (width <= 0 || height <= 0) throw new OcrInputError('not-an-image', '图片没有尺寸信息，无法读取 (image has no size)');
  if (width * height > limits.maxPixels) {
    throw new OcrInputError('too-many-pixels', `图片像素过多 (${width}×${height})，超过 ${Math.round(limits.maxPixels / 1e6)} 百万像素上限 (too many pixels: decompression bomb or oversized scan)`, { width, height, maxPixels: limits.maxPixels });
  }
}

/** sharp's messages → our reasons. The texts are libvips' own (checked in image-input.test.ts). */
function asInputError(err: unknown, format: PhotoFormat): OcrInputError {
  if (err instanceof OcrInputError) return err;
  const text = message(err);
  if (/pixel limit/i.test(text)) return new OcrInputError('too-many-pixels', `图片像素过多，超过上限 (too many pixels: ${text})`);
  if (/premature end|truncated|unexpected end|end of (file|stream)|read error|corrupt|not enough data|short read|incomplete/i.test(text)) {
    return new OcrInputError('truncated', `${format.toUpperCase()} 文件不完整或已损坏，请重新上传 (truncated or damaged file: ${text})`);
  }
  return new OcrInputError('not-an-image', `无法读取图片 (cannot decode ${format}: ${text})`);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
