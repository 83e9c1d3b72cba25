import { type Rng, UniqueDigits, weightTable } from './rng.js';

/** The engine's carrier vocabulary (architecture.md), weighted by rough parcel volume in China. */
export const CARRIER_MIX = weightTable<DemoCarrier>([
  ['ZTO', 24], ['YTO', 18], ['YUNDA', 15], ['JTEXPRESS', 12], ['STO', 11], ['SF', 11], ['JD', 6], ['EMS', 3],
]);

export type DemoCarrier = 'SF' | 'ZTO' | 'YTO' | 'STO' | 'YUNDA' | 'JD' | 'EMS' | 'JTEXPRESS';

/**
 * Waybill number shapes the demo produces, per carrier. They follow the numbers printed on real
 * labels (SF + 13 digits, ZTO 12 or 14 digits from 7/5, YT + 13, STO 77 + 11, YUNDA 13–15 from 43/46,
 * JDVA + 11, EMS 13 from 98/11, JT + 13) but are a demo convention, not a validation table.
 */
export const DEMO_WAYBILL_PATTERNS: Record<DemoCarrier, RegExp> = {
  SF: /^SF\d{13}$/,
  ZTO: /^[75](\d{11}|\d{13})$/,
  YTO: /^YT\d{13}$/,
  STO: /^77\d{11}$/,
  YUNDA: /^4[36]\d{11,13}$/,
  JD: /^JDVA\d{11}$/,
  EMS: /^(98|11)\d{11}$/,
  JTEXPRESS: /^JT\d{13}$/,
};

/** Waybills end in 10 digits unique per parcel, so no two parcels in a dataset share a number. */
export class WaybillMaker {
  private seq = 0;
  private readonly unique: UniqueDigits;

  constructor(private readonly rng: Rng) {
    this.unique = UniqueDigits.seeded(rng, 10);
  }

  next(carrier: DemoCarrier): string {
    const tail = this.unique.of(this.seq++);
    const r = this.rng;
    switch (carrier) {
      case 'SF':
        return `SF1${r.digits(2)}${tail}`;
      case 'ZTO':
        return `${r.pick(['7', '7', '5'])}${r.digits(r.pick([1, 3]))}${tail}`;
      case 'YTO':
        return `YT${r.int(2, 9)}${r.digits(2)}${tail}`;
      case 'STO':
        return `77${r.digits(1)}${tail}`;
      case 'YUNDA':
        return `${r.pick(['43', '46'])}${r.digits(r.int(1, 3))}${tail}`;
      case 'JD':
        return `JDVA${r.digits(1)}${tail}`;
      case 'EMS':
        return `${r.pick(['98', '11'])}${r.digits(1)}${tail}`;
      case 'JTEXPRESS':
        return `JT${r.int(3, 5)}${r.digits(2)}${tail}`;
    }
  }
}
