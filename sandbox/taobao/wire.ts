/**
 * What the simulated TOP gateway writes on the wire: Beijing wall-clock times (protocols.md §0,
 * §1.2), yuan text with two decimals (§1.9), and JSON text in which ids are BARE numbers (§1.6:
 * `"tid":3028689418086124`) with every digit real — spliced into the text, never rounded through a
 * double. Written apart from core/ on purpose (sandbox/README.md).
 */

/** `yyyy-MM-dd HH:mm:ss` in GMT+8. */
export function beijingText(epochMs: number): string {
  return new Date(epochMs + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Epoch ms of a `yyyy-MM-dd HH:mm:ss` GMT+8 text, or null. */
export function parseBeijingText(text: string | undefined): number | null {
  if (!text || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text.replace(' ', 'T')}+08:00`);
  return Number.isNaN(ms) || beijingText(ms) !== text ? null : ms;
}

/** TOP records times to the second. */
export function wholeSecond(ms: number): number {
  return ms - (((ms % 1000) + 1000) % 1000);
}

/** 20007 → "200.07". */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const MARK = '\u0001';

/** A value that `wireJson` writes as a bare JSON number made of exactly these digits. */
export function bare(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new Error(`not digits: ${digits}`);
  return `${MARK}${digits}${MARK}`;
}

/** JSON.stringify, then every `bare()` value spliced in as a bare number. */
export function wireJson(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0001(\d+)\\u0001"/g, '$1');
}
