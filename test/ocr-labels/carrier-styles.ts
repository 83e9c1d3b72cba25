/**
 * How each carrier's e-waybill looks in the generator: the names printed in its header and the
 * shapes of its numbers. The shapes are written out here by hand — not derived from
 * core/logistics/waybill-patterns.ts — so the generator's ground truth cannot agree with a wrong
 * pattern table by construction; test/ocr-labels/generator.test.ts checks the two agree.
 */
import type { Rng } from './rng.js';

export interface CarrierStyle {
  code: string;
  nameZh: string;
  /** The Latin name printed beside the Chinese one, as real labels do. */
  nameEn: string;
  product: readonly string[];
  waybillNo(rng: Rng): string;
  /** Digits groups for the printed number ("SF 1234 5678 9012 3"), real labels space them so. */
  groups: readonly number[];
}

export const CARRIER_STYLES: readonly CarrierStyle[] = [
  { code: 'SF', nameZh: '顺丰速运', nameEn: 'SF EXPRESS', product: ['顺丰标快', '顺丰特快'], waybillNo: (r) => `SF${r.pick(['1', '2', '3'])}${r.digits(12)}`, groups: [2, 4, 4, 4, 1] },
  { code: 'ZTO', nameZh: '中通快递', nameEn: 'ZTO EXPRESS', product: ['标准快递'], waybillNo: (r) => `7${r.pick(['3', '5', '8'])}${r.digits(12)}`, groups: [4, 4, 4, 2] },
  { code: 'YTO', nameZh: '圆通速递', nameEn: 'YTO EXPRESS', product: ['标准快递', '圆准达'], waybillNo: (r) => `YT${r.pick(['2', '5', '7'])}${r.digits(12)}`, groups: [2, 4, 4, 4, 1] },
  // STO numbers start 77 like some ZTO ones; 13 digits (ZTO's are 14) tell them apart, the name on the label too.
  { code: 'STO', nameZh: '申通快递', nameEn: 'STO EXPRESS', product: ['标准快递'], waybillNo: (r) => `${r.pick(['77', '88'])}${r.digits(11)}`, groups: [4, 4, 5] },
  { code: 'YUNDA', nameZh: '韵达快递', nameEn: 'YUNDA EXPRESS', product: ['标准快件'], waybillNo: (r) => `${r.pick(['43', '46', '31'])}${r.digits(11)}`, groups: [4, 4, 5] },
  { code: 'JD', nameZh: '京东快递', nameEn: 'JD LOGISTICS', product: ['特快送', '特惠送'], waybillNo: (r) => `JD${r.pick(['VA', 'VB', 'VC', 'X'])}${r.digits(11)}`, groups: [4, 4, 4, 3] },
  { code: 'EMS', nameZh: '中国邮政 EMS', nameEn: 'CHINA POST EMS', product: ['标准快递'], waybillNo: (r) => `${r.pick(['98', '11', '13'])}${r.digits(11)}`, groups: [4, 4, 5] },
  { code: 'JTEXPRESS', nameZh: '极兔速递', nameEn: 'J&T EXPRESS', product: ['标准快递'], waybillNo: (r) => `JT${r.pick(['3', '5'])}${r.digits(12)}`, groups: [2, 4, 4, 4, 1] },
  { code: 'DBL', nameZh: '德邦快递', nameEn: 'DEPPON', product: ['大件快递360'], waybillNo: (r) => `DPK${r.digits(12)}`, groups: [3, 4, 4, 4] },
];

export function spacedInGroups(no: string, groups: readonly number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const g of groups) {
    if (at >= no.length) break;
    parts.push(no.slice(at, at + g));
    at += g;
  }
  if (at < no.length) parts.push(no.slice(at));
  return parts.join(' ');
}
