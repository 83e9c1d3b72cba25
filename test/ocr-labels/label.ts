/**
 * One e-waybill label (100 × 150 mm at 7 px/mm) as SVG, with its ground truth. The layout follows
 * the common 一联/二联 electronic waybill: carrier header, 三段码, the main waybill barcode with its
 * number, receiver, sender, the platform order id with its own barcode and a QR code, print time and
 * weight, and on some carriers a receipt stub repeating the waybill barcode.
 */
import { barcodeSvg } from './barcode-svg.js';
import { CARRIER_STYLES, spacedInGroups, type CarrierStyle } from './carrier-styles.js';
import { orderId, person, sortingCode, type Person } from './people.js';
import type { Rng } from './rng.js';

export const LABEL_WIDTH = 700;
export const LABEL_HEIGHT = 1000;
const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";

/** What happened to the waybill barcode(s) on this label (≥ 30 % of generated photos are not intact). */
export type BarcodeState = 'intact' | 'damaged' | 'covered' | 'absent';

export interface LabelTruth {
  waybillNo: string;
  carrier: string;
  printedSpaced: boolean;
  receiver: Person;
  sender: Person;
  orderId: string;
  sortingCode: string;
  barcode: BarcodeState;
}

export interface Label {
  svg: string;
  truth: LabelTruth;
}

export interface LabelOptions {
  carrier?: string;
  barcode?: BarcodeState;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const text = (x: number, y: number, size: number, s: string, weight = 400, anchor = 'start') =>
  `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${size}" font-weight="${weight}" text-anchor="${anchor}" fill="#111">${esc(s)}</text>`;
const line = (y: number) => `<line x1="10" y1="${y}" x2="${LABEL_WIDTH - 10}" y2="${y}" stroke="#111" stroke-width="2"/>`;

export async function makeLabel(rng: Rng, opts: LabelOptions = {}): Promise<Label> {
  const style: CarrierStyle = opts.carrier ? CARRIER_STYLES.find((c) => c.code === opts.carrier)! : rng.pick(CARRIER_STYLES);
  const waybillNo = style.waybillNo(rng);
  const receiver = person(rng);
  const sender = person(rng);
  const order = orderId(rng);
  const sort = sortingCode(rng);
  const barcode = opts.barcode ?? 'intact';
  const printedSpaced = rng.chance(0.5);
  const printed = printedSpaced ? spacedInGroups(waybillNo, style.groups) : waybillNo;
  const withStub = rng.chance(0.6);
  const parts: string[] = [`<rect width="${LABEL_WIDTH}" height="${LABEL_HEIGHT}" fill="#fff"/>`, `<rect x="6" y="6" width="${LABEL_WIDTH - 12}" height="${LABEL_HEIGHT - 12}" fill="none" stroke="#111" stroke-width="3"/>`];

  // Header: the carrier's names (the text the recogniser can match with carriersNamedIn).
  parts.push(text(24, 58, 40, style.nameZh, 700), text(24, 86, 20, style.nameEn, 700));
  parts.push(`<rect x="470" y="22" width="206" height="64" fill="none" stroke="#111" stroke-width="2"/>`, text(573, 66, 26, rng.pick(style.product), 700, 'middle'));
  parts.push(line(100));
  parts.push(text(24, 170, rng.int(52, 64), sort, 700), text(560, 150, 20, rng.pick(['集包地', '中转']), 400), text(560, 178, 22, rng.pick(['杭州转运', '上海浦东', '深圳中心', '华北分拨']), 700));
  parts.push(line(196));

  // Main waybill barcode and its printed number.
  if (barcode !== 'absent') parts.push(await barcodeSvg(waybillNo, 'Code128', 60, 212, 580, 112));
  if (barcode === 'damaged') parts.push(damage(rng, 60, 212, 580, 112));
  if (barcode === 'covered') parts.push(cover(rng, 60, 212, 580, 112));
  parts.push(text(LABEL_WIDTH / 2, 366, 30, `${rng.pick(['运单号 ', '', 'No. '])}${printed}`, 700, 'middle'));
  parts.push(line(384));

  // Receiver then sender, the layout of current e-waybills (收 above 寄).
  parts.push(`<rect x="18" y="398" width="44" height="44" fill="#111"/>`, `<text x="40" y="431" font-family="${FONT}" font-size="30" font-weight="700" fill="#fff" text-anchor="middle">收</text>`);
  parts.push(text(76, 432, 30, `${receiver.name}  ${receiver.phone}`, 700));
  parts.push(...wrap(receiver.address, 26).map((l, i) => text(76, 474 + i * 34, 24, l)));
  parts.push(line(536));
  parts.push(`<rect x="18" y="548" width="34" height="34" fill="none" stroke="#111" stroke-width="2"/>`, text(35, 574, 22, '寄', 700, 'middle'));
  parts.push(text(66, 574, 22, `${sender.name}  ${sender.phone}`), text(66, 606, 18, sender.address.slice(0, 30)));
  parts.push(line(622));

  // The platform order id: printed, with its own barcode — the "second barcode" distractor — and a QR.
  parts.push(text(24, 652, 20, `订单号: ${order}`));
  parts.push(await barcodeSvg(order.replace(/-/g, ''), 'Code128', 24, 664, 400, 58));
  parts.push(await barcodeSvg(`https://m.example.cn/o?id=${order}`, 'QRCode', 560, 634, 112, 112));
  parts.push(text(24, 752, 18, `打印时间 2025-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')} ${rng.int(10, 23)}:${rng.int(10, 59)}  重量 ${rng.int(1, 30) / 10}kg  件数 1/1`));
  parts.push(line(764));

  if (withStub) {
    if (barcode === 'intact') parts.push(await barcodeSvg(waybillNo, 'Code128', 140, 784, 420, 70));
    else if (barcode === 'damaged') parts.push(await barcodeSvg(waybillNo, 'Code128', 140, 784, 420, 70), damage(rng, 140, 784, 420, 70), cover(rng, 140, 784, 420, 70));
    parts.push(text(LABEL_WIDTH / 2, 884, 22, printed, 400, 'middle'));
  }
  parts.push(text(24, 960, 18, rng.pick(['签收人/时间:', '已验视  快件送达收件人地址，经收件人允许的代收人签字，视为送达。'])));

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL_WIDTH}" height="${LABEL_HEIGHT}">${parts.join('')}</svg>`;
  return { svg, truth: { waybillNo, carrier: style.code, printedSpaced, receiver, sender, orderId: order, sortingCode: sort, barcode } };
}

function wrap(s: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += n) out.push(s.slice(i, i + n));
  return out.slice(0, 2);
}

/** Scratches and ink loss across the bars: white and dark strokes, as from a scuffed or wet label. */
function damage(rng: Rng, x: number, y: number, w: number, h: number): string {
  const strokes: string[] = [];
  for (let i = 0; i < rng.int(4, 7); i++) {
    const x1 = x + rng.range(0, w * 0.6);
    const x2 = x1 + rng.range(w * 0.25, w * 0.6);
    strokes.push(`<line x1="${x1}" y1="${y + rng.range(0, h)}" x2="${x2}" y2="${y + rng.range(0, h)}" stroke="${rng.chance(0.7) ? '#fff' : '#333'}" stroke-width="${rng.range(6, 16)}"/>`);
  }
  strokes.push(`<rect x="${x + rng.range(0.2, 0.6) * w}" y="${y - 4}" width="${rng.range(0.12, 0.2) * w}" height="${h + 8}" fill="#fff" opacity="0.92"/>`);
  return strokes.join('');
}

/** A sticker or tape over part of the barcode. */
function cover(rng: Rng, x: number, y: number, w: number, h: number): string {
  const cw = rng.range(0.3, 0.5) * w;
  const cx = x + rng.range(0.1, 0.9) * (w - cw);
  return `<rect x="${cx}" y="${y - 10}" width="${cw}" height="${h + 20}" fill="${rng.pick(['#f4e9a8', '#e8e8e8', '#cfe3f5'])}" stroke="#999" transform="rotate(${rng.range(-8, 8)} ${cx + cw / 2} ${y + h / 2})"/>`;
}
