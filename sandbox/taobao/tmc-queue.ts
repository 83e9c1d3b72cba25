/**
 * Simulated TMC (protocols.md §12.1, HTTP polling): one message per story event once the simulator's
 * clock has reached it, topic and content per the §12.1 table, handed out by
 * `taobao.tmc.messages.consume` and redelivered until `taobao.tmc.messages.confirm` names its id.
 */
import { Rng } from '../common/rng.js';
import type { OrderStory, StoryVersion } from '../common/story.js';
import { statusOfStage, storyMoney } from './render.js';
import type { TradeBook } from './trade-book.js';
import { bare, beijingText, wireJson, yuanText } from './wire.js';

/** §12.1 topics by story event (delivery has no topic of its own: TradeChanged). */
export const TOPIC_OF_EVENT: Record<StoryVersion['event'], string> = {
  create: 'taobao_trade_TradeCreate',
  pay: 'taobao_trade_TradeBuyerPay',
  ship: 'taobao_trade_TradeSellerShip',
  'partial-ship': 'taobao_trade_TradePartlySellerShip',
  deliver: 'taobao_trade_TradeChanged',
  complete: 'taobao_trade_TradeSuccess',
  cancel: 'taobao_trade_TradeClose',
  'refund-request': 'taobao_refund_RefundCreated',
  'refund-success': 'taobao_refund_RefundSuccess',
  'address-change': 'taobao_trade_TradeLogisticsAddressChanged',
  memo: 'taobao_trade_TradeMemoModified',
};

interface QueuedMessage {
  id: string;
  at: number;
  story: OrderStory;
  version: StoryVersion;
}

interface GroupState {
  confirmed: Set<string>;
  deliveredAt: Map<string, number>;
}

export const SELLER_NICK = 'sandbox旗舰店';
const SELLER_ID = '2206512345678';

export class TmcQueue {
  private readonly messages: QueuedMessage[];
  private readonly groups = new Map<string, GroupState>();

  constructor(
    private readonly book: TradeBook,
    seed: number,
    private readonly redeliverAfterMs: number,
    from = -Infinity,
  ) {
    const rng = new Rng(seed ^ 0x7dc);
    this.messages = book.stories
      .flatMap((story) => story.versions.map((version, v) => ({ story, version, v })))
      .filter(({ version }) => version.at >= from)
      .sort((a, b) => a.version.at - b.version.at || a.story.n - b.story.n || a.v - b.v)
      .map(({ story, version, v }) => ({ id: `6${String(story.n).padStart(9, '0')}${String(v).padStart(2, '0')}${rng.digits(7)}`, at: version.at, story, version }));
  }

  private group(key: string): GroupState {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { confirmed: new Set(), deliveredAt: new Map() }));
    return g;
  }

  private content(m: QueuedMessage): string {
    const tid = this.book.tidOf(m.story.n);
    const { status } = statusOfStage(m.version.stage);
    if (m.version.event === 'address-change') return wireJson({ buyer_nick: m.story.buyerNick, tid: bare(tid) }); // §12.1: only these
    const payment = yuanText(storyMoney(m.story).payment);
    const base = { buyer_nick: m.story.buyerNick, seller_nick: SELLER_NICK, tid: bare(tid), oid: bare(tid), status, payment, type: 'fixed' };
    if (!m.version.event.startsWith('refund')) return wireJson(base);
    const refund = { refund_id: bare(`1${tid.slice(4)}`), refund_fee: payment, refund_phase: 'onsale', bill_type: 'refund_bill', modified: beijingText(m.at) };
    return wireJson({ ...base, ...refund });
  }

  /** Up to `quantity` unconfirmed messages published by `now`, oldest first; each marked in flight. */
  consume(groupKey: string, appKey: string, quantity: number, now: number): string[] {
    const g = this.group(groupKey);
    const out: string[] = [];
    for (const m of this.messages) {
      if (m.at > now || out.length >= quantity) break;
      if (g.confirmed.has(m.id)) continue;
      const last = g.deliveredAt.get(m.id);
      if (last !== undefined && now - last < this.redeliverAfterMs) continue;
      g.deliveredAt.set(m.id, now);
      out.push(
        wireJson({
          id: bare(m.id),
          topic: TOPIC_OF_EVENT[m.version.event],
          pub_app_key: appKey,
          pub_time: beijingText(m.at),
          user_id: bare(SELLER_ID),
          user_nick: SELLER_NICK,
          content: this.content(m),
        }),
      );
    }
    return out;
  }

  confirm(groupKey: string, ids: readonly string[]): void {
    const g = this.group(groupKey);
    for (const id of ids) g.confirmed.add(id);
  }
}
