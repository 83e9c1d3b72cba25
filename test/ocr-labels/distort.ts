/**
 * A label turned into a phone photo: placed on a table, then one distortion kind (so accuracy can be
 * reported per kind). Pixel work that sharp has no operation for (noise, perspective, uneven light)
 * is done on raw RGB here. Deterministic: every random choice comes from the seeded Rng.
 */
import sharp, { type OutputInfo } from 'sharp';
import { LABEL_HEIGHT, LABEL_WIDTH } from './label.js';
import type { Rng } from './rng.js';

export const DISTORTION_KINDS = ['clean', 'rotation', 'blur', 'noise', 'perspective', 'half-size', 'jpeg-45', 'uneven-light', 'combined'] as const;
export type DistortionKind = (typeof DISTORTION_KINDS)[number];

export interface PhotoTruth {
  kind: DistortionKind;
  angle: number;
  jpegQuality: number;
}

const MARGIN = 110;

export async function photograph(svg: string, kind: DistortionKind, rng: Rng): Promise<{ bytes: Buffer; photo: PhotoTruth }> {
  const bg = rng.pick([[182, 160, 128], [120, 110, 100], [210, 205, 196], [92, 96, 104], [168, 140, 98]]) as [number, number, number];
  const label = await sharp(Buffer.from(svg)).png().toBuffer();
  let img = sharp({ create: { width: LABEL_WIDTH + 2 * MARGIN, height: LABEL_HEIGHT + 2 * MARGIN, channels: 3, background: { r: bg[0], g: bg[1], b: bg[2] } } })
    .composite([{ input: label, left: MARGIN + rng.int(-30, 30), top: MARGIN + rng.int(-30, 30) }]);
  // Flattened to 3 channels here: the pixel work below assumes RGB.
  let raw: Raw = await sharp(await img.png().toBuffer()).removeAlpha().raw().toBuffer({ resolveWithObject: true });

  const angle = kind === 'rotation' ? rng.pick([-1, 1]) * rng.range(8, 25) : kind === 'combined' ? rng.range(-12, 12) : rng.range(-2.5, 2.5);
  const quality = kind === 'jpeg-45' ? rng.int(45, 52) : kind === 'combined' ? rng.int(55, 70) : rng.int(80, 92);
  const bgc = { r: bg[0], g: bg[1], b: bg[2] };

  if (kind === 'perspective' || kind === 'combined') raw = perspective(raw, rng, kind === 'combined' ? 0.05 : 0.1, bg);
  if (kind === 'uneven-light' || kind === 'combined') unevenLight(raw, rng, kind === 'combined' ? 0.35 : 0.55);
  if (kind === 'noise') noise(raw, rng, rng.range(12, 24));

  img = sharp(raw.data, { raw: raw.info }).rotate(angle, { background: bgc });
  if (kind === 'blur') img = sharp(await img.png().toBuffer()).blur(rng.range(1.2, 2.2));
  if (kind === 'combined') img = sharp(await img.png().toBuffer()).blur(rng.range(0.6, 1.1));
  if (kind === 'half-size') {
    const meta = await sharp(await img.png().toBuffer()).metadata();
    img = sharp(await img.png().toBuffer()).resize(Math.round(meta.width! / 2));
  }
  const bytes = await img.jpeg({ quality, mozjpeg: false }).toBuffer();
  return { bytes, photo: { kind, angle, jpegQuality: quality } };
}

type Raw = { data: Buffer; info: OutputInfo };

function noise(raw: Raw, rng: Rng, sigma: number): void {
  const d = raw.data;
  for (let i = 0; i < d.length; i++) d[i] = clamp(d[i]! + rng.gauss() * sigma);
}

/** A lamp on one side and a soft shadow: brightness falls to (1 - depth) across the photo. */
function unevenLight(raw: Raw, rng: Rng, depth: number): void {
  const { width, height, channels } = raw.info;
  const lx = rng.range(-0.2, 1.2) * width;
  const ly = rng.range(-0.2, 1.2) * height;
  const reach = Math.hypot(width, height);
  const shadowAt = rng.range(0.3, 0.8) * width;
  const d = raw.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let f = 1 - depth * Math.min(1, Math.hypot(x - lx, y - ly) / reach);
      if (x > shadowAt) f *= 0.85;
      const o = (y * width + x) * channels;
      for (let c = 0; c < 3; c++) d[o + c] = clamp(d[o + c]! * f);
    }
  }
}

/** Corners pulled inwards by up to `amount` of the size: the label photographed at an angle. */
function perspective(raw: Raw, rng: Rng, amount: number, bg: [number, number, number]): Raw {
  const { width: w, height: h, channels } = raw.info;
  const j = () => rng.range(0, amount);
  const dst: [number, number][] = [[j() * w, j() * h], [w - j() * w, j() * h], [w - j() * w, h - j() * h], [j() * w, h - j() * h]];
  const src: [number, number][] = [[0, 0], [w, 0], [w, h], [0, h]];
  const m = homography(dst, src); // maps output pixels back to input pixels
  const out = Buffer.alloc(w * h * channels);
  const d = raw.data;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const z = m[6]! * x + m[7]! * y + 1;
      const sx = (m[0]! * x + m[1]! * y + m[2]!) / z;
      const sy = (m[3]! * x + m[4]! * y + m[5]!) / z;
      const o = (y * w + x) * channels;
      if (sx < 0 || sy < 0 || sx >= w - 1 || sy >= h - 1) {
        for (let c = 0; c < 3; c++) out[o + c] = bg[c]!;
        continue;
      }
      const x0 = Math.floor(sx), y0 = Math.floor(sy), fx = sx - x0, fy = sy - y0;
      const i00 = (y0 * w + x0) * channels, i10 = i00 + channels, i01 = i00 + w * channels, i11 = i01 + channels;
      for (let c = 0; c < 3; c++) {
        out[o + c] = (d[i00 + c]! * (1 - fx) + d[i10 + c]! * fx) * (1 - fy) + (d[i01 + c]! * (1 - fx) + d[i11 + c]! * fx) * fy;
      }
    }
  }
  return { data: out, info: raw.info };
}

/** The 3×3 projective map (h33 = 1) taking the four `from` points to the four `to` points. */
function homography(from: [number, number][], to: [number, number][]): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination on the 8×9 augmented matrix.
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < 9; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return a.map((row, i) => row[8]! / row[i]!);
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}
