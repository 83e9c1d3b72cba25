/**
 * The barcode reader: the one file that imports zxing-wasm (style.md principle 8). The reader's
 * .wasm is read from the package folder and handed over as `wasmBinary`, so nothing is fetched.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';
import { lineAngle, type Point, type Quad } from './geometry.js';

export type BarcodeFormat = 'Code128' | 'Code39' | 'QRCode';

export interface BarcodeRead {
  text: string;
  format: BarcodeFormat;
  /** Corners in the image that was read (top-left, top-right, bottom-right, bottom-left of the symbol). */
  quad: Quad;
  /** Skew of the symbol in degrees (clockwise positive), from its top edge. */
  angle: number;
  /** Length of the symbol's top edge in pixels: the main waybill barcode is the widest linear code. */
  length: number;
}

let prepared = false;

function prepare(): void {
  if (prepared) return;
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
  prepared = true;
}

/**
 * Linear codes (Code 128, Code 39) and QR codes on a greyscale image. `tryHarder` scans more rows,
 * which is what finds a barcode half under a sticker; `tryRotate` finds labels turned by 90°.
 */
export async function readBarcodesFromGrey(grey: Uint8Array, width: number, height: number): Promise<BarcodeRead[]> {
  prepare();
  // zxing-wasm takes RGBA pixels (it converts them to luminance itself); grey is copied into R, G, B.
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, o = 0; i < grey.length; i++, o += 4) {
    const v = grey[i]!;
    rgba[o] = v;
    rgba[o + 1] = v;
    rgba[o + 2] = v;
    rgba[o + 3] = 255;
  }
  const results = await readBarcodes({ data: rgba, width, height, colorSpace: 'srgb' } as unknown as ImageDataLike, {
    formats: ['Code128', 'Code39', 'QRCode'],
    tryHarder: true,
    tryRotate: true,
    tryInvert: false,
    tryDownscale: true,
    maxNumberOfSymbols: 8,
  });
  return results.filter((r) => r.isValid && r.text).map(toRead);
}

type ImageDataLike = Parameters<typeof readBarcodes>[0];

function toRead(r: ReadResult): BarcodeRead {
  const p = r.position;
  const quad: Quad = [pt(p.topLeft), pt(p.topRight), pt(p.bottomRight), pt(p.bottomLeft)];
  return {
    text: r.text,
    format: r.format as BarcodeFormat,
    quad,
    angle: lineAngle(quad[0], quad[1]),
    length: Math.hypot(quad[1].x - quad[0].x, quad[1].y - quad[0].y),
  };
}

function pt(p: { x: number; y: number }): Point {
  return { x: p.x, y: p.y };
}
