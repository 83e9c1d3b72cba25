/**
 * Typed reads of one PDD order object that collect every problem instead of stopping at the first,
 * so a rejected order says everything that was wrong with it.
 */
import { pddYuanToFen } from './money.js';
import { parsePddTime } from './time.js';

export type PddObject = Record<string, unknown>;

export function isObject(value: unknown): value is PddObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Ids arrive as strings or as JSON numbers (`goods_id` is a long, §2.4; the doc capture has "1"). */
export function idText(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
}

export class FieldReader {
  readonly problems: string[] = [];
  constructor(
    readonly source: PddObject,
    private readonly prefix = '',
  ) {}

  private name(field: string): string {
    return this.prefix + field;
  }

  /** Yuan → fen; an absent optional amount is 0 (an absent discount is no discount). */
  fen(field: string, required: boolean): number {
    const value = this.source[field];
    if (!required && (value === undefined || value === null)) return 0;
    const result = pddYuanToFen(value, this.name(field));
    if (result.ok) return result.fen;
    this.problems.push(result.reason);
    return 0;
  }

  time(field: string, required: true): number;
  time(field: string, required: false): number | null;
  time(field: string, required: boolean): number | null {
    const result = parsePddTime(this.source[field], this.name(field), required);
    if (result.ok) return result.ms;
    this.problems.push(result.reason);
    return required ? 0 : null;
  }

  /** A small enum/count integer; numeric strings are accepted (some typings say string, §2.4). */
  int(field: string): number | null {
    const value = this.source[field];
    const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
    this.problems.push(`${this.name(field)} ${value === undefined ? 'is missing' : `${JSON.stringify(value)} is not an integer`}`);
    return null;
  }

  /** The first of `fields` holding a non-empty string (plain field first, then its `_mask` variant). */
  text(...fields: string[]): string {
    for (const f of fields) {
      const value = this.source[f];
      if (typeof value === 'string' && value !== '') return value;
    }
    return '';
  }

  /** An optional free-text field: undefined when absent or not a string. */
  optionalText(field: string): string | undefined {
    const value = this.source[field];
    return typeof value === 'string' ? value : undefined;
  }

  id(field: string): string | null {
    const id = idText(this.source[field]);
    if (id === null) this.problems.push(`${this.name(field)} ${this.source[field] === undefined ? 'is missing' : `${JSON.stringify(this.source[field])} is not an id`}`);
    return id;
  }
}
