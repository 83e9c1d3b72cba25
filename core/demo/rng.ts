/**
 * Seeded randomness for the demo. mulberry32 (Tommy Ettinger's 32-bit generator, public domain):
 * one 32-bit state, a few integer ops per draw, good enough equidistribution for fake data, and
 * identical across platforms because it only uses Math.imul and 32-bit shifts. Never Math.random:
 * the same seed must give the same dataset on every machine.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by relative weight; `table` is built once with `weightTable`. */
  weighted<T>(table: WeightTable<T>): T {
    const x = this.next() * table.total;
    let lo = 0;
    let hi = table.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (table.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return table.items[lo]!;
  }

  /** n random decimal digits as text (leading zeros allowed). */
  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i += 1) out += String(Math.floor(this.next() * 10));
    return out;
  }
}

export interface WeightTable<T> {
  items: readonly T[];
  cumulative: readonly number[];
  total: number;
}

export function weightTable<T>(entries: ReadonlyArray<readonly [T, number]>): WeightTable<T> {
  let total = 0;
  const cumulative = entries.map(([, w]) => (total += w));
  return { items: entries.map(([item]) => item), cumulative, total };
}

/**
 * A bijection on [0, 10^width): seq ↦ (seq·A + B) mod 10^width with A coprime to 10. Ids built on
 * it are unique by construction (no set of seen ids to keep for a million orders) yet do not look
 * sequential. B comes from the seed, so different seeds give different ids.
 */
export class UniqueDigits {
  private static readonly MULTIPLIER = 7_919_121_139_367n; // odd, not a multiple of 5
  private readonly modulus: bigint;

  constructor(private readonly width: number, private readonly offset: bigint) {
    this.modulus = 10n ** BigInt(width);
  }

  static seeded(rng: Rng, width: number): UniqueDigits {
    return new UniqueDigits(width, BigInt(rng.digits(width)));
  }

  of(seq: number): string {
    const value = (BigInt(seq) * UniqueDigits.MULTIPLIER + this.offset) % this.modulus;
    return value.toString().padStart(this.width, '0');
  }
}
