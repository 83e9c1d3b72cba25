/**
 * Barcodes for generated labels, drawn from zxing-wasm's writer (no extra dependency). The writer's
 * .wasm is loaded from the package folder, never a CDN.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';

let prepared = false;
function prepare(): void {
  if (prepared) return;
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve('zxing-wasm/writer/zxing_writer.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) } });
  prepared = true;
}

export type LabelBarcodeFormat = 'Code128' | 'Code39' | 'QRCode';

/** SVG <rect>s for a symbol fitted into the box (x, y, w, h). Modules are 0 = black in the writer. */
export async function barcodeSvg(text: string, format: LabelBarcodeFormat, x: number, y: number, w: number, h: number): Promise<string> {
  prepare();
  const out = await writeBarcode(text, { format, withQuietZones: false });
  if (out.error) throw new Error(`cannot draw ${format} for "${text}": ${out.error}`);
  const { data, width, height } = out.symbol;
  const rects: string[] = [];
  if (format === 'QRCode') {
    const m = Math.min(w / width, h / height);
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        if (data[r * width + c] === 0) rects.push(`<rect x="${(x + c * m).toFixed(2)}" y="${(y + r * m).toFixed(2)}" width="${m.toFixed(2)}" height="${m.toFixed(2)}"/>`);
      }
    }
  } else {
    const m = w / width;
    let c = 0;
    while (c < width) {
      if (data[c] !== 0) { c++; continue; }
      let end = c;
      while (end < width && data[end] === 0) end++;
      rects.push(`<rect x="${(x + c * m).toFixed(2)}" y="${y}" width="${((end - c) * m).toFixed(2)}" height="${h}"/>`);
      c = end;
    }
  }
  return `<g fill="#000">${rects.join('')}</g>`;
}
