/**
 * The receiver pass: the English lines locate phone numbers; chi_sim reads just the first phone line
 * (the receiver's on current e-waybills; if it turns out to say 寄, the next one) for the name.
 */
import { cropToPng, type Grey } from './enhance.js';
import type { Box } from './geometry.js';
import { isSenderLine, nameFromReceiverLine, phoneLines, type ReceiverFragments } from './receiver.js';
import type { OcrEngine, OcrLine } from './tesseract-pool.js';

export interface ReceiverReading {
  result: ReceiverFragments;
  /** The line read, in straightened-image coordinates (for the highlight). */
  line: Box | null;
  text?: string;
}

export async function readReceiver(engine: OcrEngine, img: Grey, lines: readonly OcrLine[], area: Box): Promise<ReceiverReading> {
  const phones = phoneLines(lines).slice(0, 2);
  for (const p of phones) {
    // The English pass's line spans the 收 mark and the name before the phone; a little margin
    // around it, and no more, since table and neighbouring lines only add wrong characters.
    const pad = p.box.height * 0.35;
    // The inverted 收 mark (white on a black square) reads as 呆, 加, 四… and drags the surname
    // after it into nonsense: the crop starts after the mark when one is found.
    const left = Math.max(area.x, afterReceiverMark(img, p.box) ?? p.box.x - 2 * pad);
    const crop: Box = { x: left, y: p.box.y - pad, width: p.box.x + p.box.width - left + 2 * pad, height: p.box.height + 2 * pad };
    // Chinese glyphs need ~36 px of height to be told apart; small photos are enlarged up to 2×.
    const zoom = Math.min(2, Math.max(1, 36 / Math.max(1, p.box.height)));
    const chinese = await engine.recognise(await cropToPng(img, crop, [], zoom), 'chi_sim', 'line');
    const text = chinese.map((l) => l.text).join(' ');
    if (isSenderLine(text) && p !== phones[phones.length - 1]) continue;
    return { result: { ...nameFromReceiverLine(text), phoneTail: p.tail }, line: crop, text };
  }
  return { result: { nameFragment: null, surname: null, phoneTail: null }, line: null };
}

/** A square window over the mark is mostly dark (its white glyph covers about a third); over text far less. */
const MARK_DARK_SHARE = 0.55;
const DARK = 110;

/**
 * The x just after a solid dark square at the start of the line (the 收 mark of current
 * e-waybills), or null when the line starts with plain text. A line-height square window slides over
 * the first three line-heights; where it is mostly dark, it sits on the mark (a bold glyph's square
 * is well under half dark).
 */
export function afterReceiverMark(img: Grey, line: Box): number | null {
  const h = Math.round(line.height);
  const y0 = Math.max(0, Math.round(line.y)), y1 = Math.min(img.height, y0 + h);
  const x0 = Math.max(0, Math.round(line.x - line.height)), x1 = Math.min(img.width, Math.round(line.x + 3 * line.height));
  if (y1 - y0 < 8 || x1 - x0 <= h) return null;
  const columns = new Int32Array(x1 - x0 + 1); // prefix sums of dark pixels per column
  for (let x = x0; x < x1; x++) {
    let dark = 0;
    for (let y = y0; y < y1; y++) if (img.grey[y * img.width + x]! < DARK) dark++;
    columns[x - x0 + 1] = columns[x - x0]! + dark;
  }
  const area = h * (y1 - y0);
  let last = -1;
  for (let s = 0; s + h <= x1 - x0; s++) {
    const share = (columns[s + h]! - columns[s]!) / area;
    if (share >= MARK_DARK_SHARE) last = s;
    else if (last >= 0) break;
  }
  return last < 0 ? null : x0 + last + h + Math.round(h * 0.1);
}
