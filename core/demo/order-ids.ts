import type { Channel } from '../contract/orders.js';
import { type Rng, UniqueDigits } from './rng.js';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** YYYYMMDD of an instant in Asia/Shanghai, as order ids embed the local order date. */
export function shanghaiYmd(epochMs: number): string {
  const d = new Date(epochMs + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/**
 * Platform order ids in each platform's real shape, unique within a dataset because their tail is
 * a bijection of the order's sequence number (see UniqueDigits):
 * - Taobao tid: 18–19 digits (older trades have 16, e.g. 3028689418086124 in protocols.md §1.6);
 * - Pinduoduo order_sn: YYMMDD-15 digits (protocols.md §2.4 sample 200101-123456789012345);
 * - Douyin order_id: 19 digits, here starting 69 or 50 (the searchList sample's 4781320682406083640
 *   shows other prefixes exist too);
 * - WeChat mini-program: the seller's own WX + YYYYMMDD + 10 digits;
 * - POS: POS-<store>-<YYYYMMDD>-<4-digit daily receipt number>.
 */
export class OrderIdMaker {
  private readonly tail12: UniqueDigits;
  private readonly tail10: UniqueDigits;
  private readonly receiptsPerStoreDay = new Map<string, number>();

  constructor(private readonly rng: Rng) {
    this.tail12 = UniqueDigits.seeded(rng, 12);
    this.tail10 = UniqueDigits.seeded(rng, 10);
  }

  next(channel: Channel, seq: number, createdAt: number, storeCode = 'ST01'): string {
    const r = this.rng;
    switch (channel) {
      case 'taobao':
        return `${r.int(1, 4)}${r.digits(r.int(5, 6))}${this.tail12.of(seq)}`;
      case 'pinduoduo':
        return `${shanghaiYmd(createdAt).slice(2)}-${r.digits(3)}${this.tail12.of(seq)}`;
      case 'douyin':
        return `${r.chance(0.7) ? '69' : '50'}${r.digits(5)}${this.tail12.of(seq)}`;
      case 'wechat':
        return `WX${shanghaiYmd(createdAt)}${this.tail10.of(seq)}`;
      case 'pos': {
        const key = `${storeCode}-${shanghaiYmd(createdAt)}`;
        const receipt = (this.receiptsPerStoreDay.get(key) ?? 0) + 1;
        this.receiptsPerStoreDay.set(key, receipt);
        return `POS-${key}-${String(receipt).padStart(4, '0')}`;
      }
    }
  }
}
