/**
 * Typed reads of one PDD order object that collect every problem instead of stopping at the first,
 * so a rejected order says everything that was wrong with it.
 */
import type { ChannelMappingSpec, SourceSpec } from '../mapping/spec.js';
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

const str = (o: PddObject, field: string): string => (typeof o[field] === 'string' ? (o[field] as string) : '');
const idSource = (name: string, note: string): SourceSpec => ({ name, keys: [name], note, read: (o) => idText(o[name]) ?? '' });
const textSource = (name: string, note: string): SourceSpec => ({ name, keys: [name], note, read: (o) => str(o, name) });

/**
 * What field mapping may choose from on a PDD order (§2.4, the same object in §2.5). Receiver
 * fields have plain and `_mask` variants (§2.4: plaintext only while 待发货; newer docs encrypt);
 * `address` is the whole address, `receiver_address` the street part. The defaults are the
 * connector's behaviour before mapping existed.
 */
export const PDD_MAPPING: ChannelMappingSpec = {
  'line.platformSku': {
    scope: 'line',
    path: 'item_list[]',
    optional: false,
    sources: [
      idSource('outer_id', '商家 SKU 编码 (§2.4)'),
      idSource('sku_id', '拼多多 SKU id (§2.4)'),
      idSource('goods_id', '拼多多商品 id (§2.4)'),
      idSource('outer_goods_id', '商家商品编码 (§2.4)'),
    ],
    defaults: ['outer_id', 'sku_id'],
  },
  'line.title': { scope: 'line', path: 'item_list[]', optional: false, sources: [textSource('goods_name', '商品名称 (§2.4)'), textSource('goods_spec', '商品规格 (§2.4)')], defaults: ['goods_name'] },
  'order.buyerRemark': { scope: 'order', path: 'order', optional: true, sources: [textSource('buyer_memo', '买家留言 (§2.4)')], defaults: ['buyer_memo'] },
  'order.sellerRemark': { scope: 'order', path: 'order', optional: true, sources: [textSource('remark', '商家订单备注 (§2.4)')], defaults: ['remark'] },
  'receiver.name': {
    scope: 'order',
    path: 'order',
    optional: false,
    sources: [textSource('receiver_name', '收件人 (§2.4)'), textSource('receiver_name_mask', '收件人（打码）')],
    defaults: ['receiver_name', 'receiver_name_mask'],
  },
  'receiver.phone': {
    scope: 'order',
    path: 'order',
    optional: false,
    sources: [textSource('receiver_phone', '收件人电话 (§2.4)'), textSource('receiver_phone_mask', '收件人电话（打码）')],
    defaults: ['receiver_phone', 'receiver_phone_mask'],
  },
  'receiver.address': {
    scope: 'order',
    path: 'order',
    optional: false,
    sources: [
      textSource('receiver_address', '详细地址 (§2.4)'),
      textSource('address', '完整地址，含省市区 (§2.4)'),
      textSource('receiver_address_mask', '详细地址（打码）'),
      textSource('address_mask', '完整地址（打码）'),
    ],
    defaults: ['receiver_address', 'address', 'receiver_address_mask', 'address_mask'],
  },
};
