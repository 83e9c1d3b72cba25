/**
 * Receiver fragments on a label: the phone tail (from the English pass, which reads digits best)
 * and the surname (from chi_sim on the receiver line only). Platforms mask both ("张**",
 * "138****5678"), so these fragments are all the re-push flow can compare with an order.
 */
import type { Box } from './geometry.js';
import type { OcrLine } from './tesseract-pool.js';

export interface ReceiverFragments {
  /** The name as read, masked or not: "张**", "刘女士". */
  nameFragment: string | null;
  /** Its first character when it is a common surname. */
  surname: string | null;
  /** Last four digits of the receiver's phone. */
  phoneTail: string | null;
}

export interface PhoneLine {
  line: OcrLine;
  tail: string;
  box: Box;
}

// Masked phones come out of OCR with the asterisks read as + " ' ° or x. A phone stands alone: digits
// glued to letters are a waybill number (JDVB16819290118 holds 16819290118).
const MASKED_PHONE = /(?<![\dA-Za-z])1[3-9]\d\s*[*+"'“”#xX°^·.]{2,6}\s*(\d{4})(?!\d)/;
const FULL_PHONE = /(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/;

export function phoneTailIn(text: string): string | null {
  const masked = MASKED_PHONE.exec(text);
  if (masked) return masked[1]!;
  // As printed first; then with digit groups joined ("155 3207 2434"), which can also glue a phone
  // to a neighbouring number, so it only counts when the plain text had none.
  const full = FULL_PHONE.exec(text) ?? FULL_PHONE.exec(text.replace(/(\d)\s(?=\d)/g, '$1'));
  return full ? full[0].slice(-4) : null;
}

/** Lines carrying a phone number, top to bottom: on current e-waybills the receiver's comes first. */
export function phoneLines(lines: readonly OcrLine[]): PhoneLine[] {
  return lines
    .map((line) => ({ line, tail: phoneTailIn(line.text), box: line.box }))
    .filter((p): p is PhoneLine => p.tail !== null)
    .sort((a, b) => a.box.y - b.box.y);
}

/** The 100 most common surnames cover ~85 % of people; a first character outside them is kept as read. */
const SURNAMES = new Set([...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤']);

/** From the chi_sim reading of the receiver line: "收 刘 女 士 139****6768" → 刘女士 / 刘. */
export function nameFromReceiverLine(text: string): Pick<ReceiverFragments, 'nameFragment' | 'surname'> {
  const compact = text.replace(/(?<=[\u3400-\u9fff*])\s+(?=[\u3400-\u9fff*])/g, '');
  const afterKeyword = compact.replace(/^.*?(收件人|收货人|收)\s*[:：]?\s*/, '');
  // The inverted 收 mark before the name often reads as another character (四, 加): the name starts
  // at the first common surname among the first three characters, else at the first character.
  const m = /[\u3400-\u9fff][\u3400-\u9fff*＊]{0,4}/.exec(afterKeyword);
  if (!m) return { nameFragment: null, surname: null };
  const run = m[0].replace(/＊/g, '*');
  const at = [...run.slice(0, 3)].findIndex((ch) => SURNAMES.has(ch));
  const nameFragment = run.slice(Math.max(0, at), Math.max(0, at) + 4);
  return { nameFragment, surname: at >= 0 ? run[at]! : null };
}

/** Is this chi_sim reading the sender's line (寄) rather than the receiver's (收)? */
export function isSenderLine(text: string): boolean {
  return /寄/.test(text) && !/收/.test(text);
}
