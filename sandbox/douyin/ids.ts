/**
 * Douyin-looking identifiers, deterministic from the seed and the story index: 19-digit 店铺单 ids
 * starting 69… or 50… (strings on the wire, protocols.md §3.6), 商品单 ids beside them, and 19-digit
 * product ids beyond 2^53 (sent as bare JSON numbers, like the real sample's product_id).
 */
import type { OrderStory, StoryLine } from '../common/story.js';

const SEVENTEEN = 10n ** 17n;

export function shopOrderId(seed: number, n: number): string {
  const prefix = n % 5 === 4 ? '50' : '69';
  // n × an odd multiplier not divisible by 5 is a bijection mod 10^17: unique, scattered ids.
  const body = (BigInt(seed >>> 0) * 1_000_003n + BigInt(n) * 3_778_449_120_571n + 12_345_678_901_234_567n) % SEVENTEEN;
  return prefix + body.toString().padStart(17, '0');
}

/** A single-line order's 商品单 shares the parent id (as in the sample); otherwise parent + index. */
export function skuOrderIds(parentId: string, story: OrderStory): string[] {
  if (story.lines.length === 1) return [parentId];
  return story.lines.map((_, i) => (BigInt(parentId) + BigInt(i + 1)).toString());
}

/** 19 digits: "34" + the story's 12-digit item id + 5 digits of its sku id. */
export function productId(line: StoryLine): string {
  return `34${line.itemId.padStart(12, '0').slice(-12)}${line.skuId.slice(-5).padStart(5, '0')}`;
}

export function afterSaleId(parentId: string): string {
  return `7${parentId.slice(2)}0`;
}

export function messageId(story: OrderStory, versionIndex: number): string {
  return `7${String(story.n * 16 + versionIndex).padStart(18, '0')}`;
}
