/**
 * Small readers for Trade / Order JSON (protocols.md §1.6, §1.9) as parsed by parseJsonLossless:
 * ids may be numbers (safe) or strings (19 digits, kept exact), money is yuan text, lists are
 * wrapped in an object named after the element (`orders: { order: [...] }`) unless simplified.
 */
import { yuanToFen } from '../../kernel/money.js';

export type Json = Record<string, unknown>;

/** A trade that cannot become an order; the message says which field and why. */
export class TradeRejection extends Error {}

export function asRecord(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

/** §1.6: non-simplified JSON wraps lists (`{"trades":{"trade":[…]}}`); simplified JSON does not. */
export function listOf(value: unknown, element: string): unknown[] {
  if (Array.isArray(value)) return value;
  const inner = asRecord(value)?.[element];
  return Array.isArray(inner) ? inner : [];
}

/** An id as exact decimal text: a string of digits, or a JSON number small enough to be exact. */
export function idText(value: unknown): string | null {
  if (typeof value === 'string' && /^\d{1,30}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return null;
}

export function optionalText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * §1.9: money is yuan text with 2 decimals ("200.07"); converted exactly by string arithmetic
 * (kernel yuanToFen), never through a float. A JSON number is accepted through its shortest decimal
 * text (what a 2-decimal number prints as), so 200.07 → "200.07" → 20007.
 */
export function moneyFen(value: unknown, field: string): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') throw new TradeRejection(`${field} is missing or not a yuan amount`);
  try {
    return yuanToFen(text);
  } catch {
    throw new TradeRejection(`${field} is not a yuan amount with at most 2 decimals: ${JSON.stringify(text)}`);
  }
}

export function optionalMoneyFen(value: unknown, field: string): number {
  return value === undefined || value === null || value === '' ? 0 : moneyFen(value, field);
}

export function positiveInt(value: unknown, field: string): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) throw new TradeRejection(`${field} is not a positive integer: ${JSON.stringify(value)}`);
  return n;
}
