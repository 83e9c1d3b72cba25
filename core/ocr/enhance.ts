/**
 * Image clean-up between reading and recognising: skew from text lines, rotation, uneven light.
 * Everything stays in memory as raw greyscale.
 */
import sharp from 'sharp';

export interface Grey {
  grey: Buffer;
  width: number;
  height: number;
}

/**
 * Skew of the text lines, in degrees (clockwise positive), by projection profiles: dark pixels are
 * projected onto the normal of each candidate angle and the angle whose profile is most peaked
 * (sum of squared bin counts) wins — text lines stack into sharp peaks only when the angle is right.
 * Done on a ~480 px copy: 61 coarse angles then a 0.2° refinement cost a few milliseconds.
 */
export async function estimateTextSkew(img: Grey, maxAngle = 30): Promise<number | null> {
  const side = 480;
  const f = Math.min(1, side / Math.max(img.width, img.height));
  const { data, info } = await sharp(img.grey, { raw: { width: img.width, height: img.height, channels: 1 } })
    .resize(Math.max(1, Math.round(img.width * f)), Math.max(1, Math.round(img.height * f)))
    .extractChannel(0) // a resized one-channel raw image comes back as three channels otherwise
    .raw()
    .toBuffer({ resolveWithObject: true });
  const xs: number[] = [];
  const ys: number[] = [];
  const threshold = adaptiveDarkThreshold(data);
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) if (data[y * info.width + x]! < threshold) { xs.push(x); ys.push(y); }
  }
  if (xs.length < 50) return null; // too little ink to tell
  const reach = Math.ceil(Math.hypot(info.width, info.height)) * 2 + 4;
  const bins = new Float64Array(reach);
  const score = (deg: number) => {
    const a = (deg * Math.PI) / 180;
    const cos = Math.cos(a), sin = Math.sin(a);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) bins[Math.round(ys[i]! * cos - xs[i]! * sin) + (reach >> 1)]! += 1;
    let s = 0;
    for (let i = 0; i < reach; i++) s += bins[i]! * bins[i]!;
    return s;
  };
  let best = 0, bestScore = -1;
  for (let d = -maxAngle; d <= maxAngle; d += 1) {
    const s = score(d);
    if (s > bestScore) { bestScore = s; best = d; }
  }
  let fine = best;
  for (let d = best - 1; d <= best + 1; d += 0.2) {
    const s = score(d);
    if (s > bestScore) { bestScore = s; fine = d; }
  }
  return Math.round(fine * 10) / 10;
}

/** Dark = clearly below the image's typical brightness (its median less a margin), ink on paper. */
function adaptiveDarkThreshold(data: Uint8Array): number {
  const hist = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i]!]!++;
  let seen = 0, median = 128;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen >= data.length / 2) { median = v; break; }
  }
  return Math.max(40, median * 0.6);
}

/** Turn by -angle (undoing a clockwise skew), filling the new corners with white. */
export async function rotateGrey(img: Grey, angle: number): Promise<Grey> {
  const { data, info } = await sharp(img.grey, { raw: { width: img.width, height: img.height, channels: 1 } })
    .rotate(-angle, { background: { r: 255, g: 255, b: 255 } })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { grey: info.channels === 1 ? data : firstChannel(data, info.channels), width: info.width, height: info.height };
}

function firstChannel(data: Buffer, channels: number): Buffer {
  const out = Buffer.alloc(data.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels]!;
  return out;
}

/**
 * Uneven light (a lamp on one side, a hand's shadow): divide by an estimate of the paper's
 * brightness. The estimate is the brightest pixel of each 24 px block (paper, not ink), smoothed back
 * up to full size — a cheap background subtraction that leaves ink dark everywhere on the label.
 */
export async function flattenLight(img: Grey): Promise<Grey> {
  const block = 24;
  const bw = Math.ceil(img.width / block), bh = Math.ceil(img.height / block);
  const maxima = Buffer.alloc(bw * bh);
  for (let y = 0; y < img.height; y++) {
    const row = y * img.width, brow = Math.floor(y / block) * bw;
    for (let x = 0; x < img.width; x++) {
      const v = img.grey[row + x]!;
      const b = brow + Math.floor(x / block);
      if (v > maxima[b]!) maxima[b] = v;
    }
  }
  const background = await sharp(maxima, { raw: { width: bw, height: bh, channels: 1 } })
    .blur(1.2)
    .resize(img.width, img.height, { kernel: 'cubic', fit: 'fill' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  const out = Buffer.alloc(img.grey.length);
  for (let i = 0; i < out.length; i++) {
    const bg = Math.max(background[i]!, 32);
    const v = (img.grey[i]! * 255) / bg;
    out[i] = v > 255 ? 255 : v;
  }
  return { grey: out, width: img.width, height: img.height };
}

/** A region of a greyscale image as PNG for tesseract, with rectangles painted white (barcodes). */
export async function cropToPng(img: Grey, rect: { x: number; y: number; width: number; height: number }, blank: readonly { x: number; y: number; width: number; height: number }[] = [], zoom = 1): Promise<Buffer> {
  const x = clampInt(rect.x, 0, img.width - 1), y = clampInt(rect.y, 0, img.height - 1);
  const w = clampInt(rect.width, 1, img.width - x), h = clampInt(rect.height, 1, img.height - y);
  const out = Buffer.alloc(w * h);
  for (let r = 0; r < h; r++) img.grey.copy(out, r * w, (y + r) * img.width + x, (y + r) * img.width + x + w);
  for (const b of blank) {
    const x0 = clampInt(b.x - x, 0, w), x1 = clampInt(b.x + b.width - x, 0, w);
    const y0 = clampInt(b.y - y, 0, h), y1 = clampInt(b.y + b.height - y, 0, h);
    for (let r = y0; r < y1; r++) out.fill(255, r * w + x0, r * w + x1);
  }
  const png = sharp(out, { raw: { width: w, height: h, channels: 1 } });
  if (zoom !== 1) png.resize(Math.round(w * zoom), Math.round(h * zoom), { kernel: 'cubic' }).extractChannel(0);
  return png.png({ compressionLevel: 1 }).toBuffer();
}

function clampInt(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.round(v)));
}
