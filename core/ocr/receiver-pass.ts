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
    const left = Math.max(area.x, p.box.x - 2 * pad);
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
