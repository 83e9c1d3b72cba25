/**
 * The business side of the simulated TOP methods: trades.sold.get (§1.4), trades.sold.increment.get
 * (§1.5), trade.fullinfo.get (§1.5), tmc.messages.consume / confirm (§12.1) and time.get. Each
 * returns the whole JSON body text (the `<method>_response` root, §1.6).
 */
import type { OAuthBook } from '../common/oauth-book.js';
import { tokenCreate, tokenRefresh } from './oauth.js';
import { companiesGet, consignResend, offlineSend } from './logistics-methods.js';
import { pickFields, renderTrade } from './render.js';
import { TOP_ERRORS, TopFault } from './top-errors.js';
import { selectedTypes, type TradeBook, type VisibleTrade } from './trade-book.js';
import type { TmcQueue } from './tmc-queue.js';
import { beijingText, parseBeijingText, wireJson } from './wire.js';

export interface MethodContext {
  book: TradeBook;
  tmc: TmcQueue;
  now: number;
  appKey: string;
  requestId: string;
  countTrades(n: number): void;
  oauth: OAuthBook;
  sellerNick: string;
}

type Form = ReadonlyMap<string, string>;
type Handler = (form: Form, ctx: MethodContext) => string;

const DAY_MS = 24 * 3600_000;

function body(root: string, parts: string[], requestId: string): string {
  return `{"${root}":{${[...parts, `"request_id":${JSON.stringify(requestId)}`].join(',')}}}`;
}

function required(form: Form, name: string): string {
  const v = form.get(name);
  if (!v) throw new TopFault(TOP_ERRORS.missingArgument(name));
  return v;
}

function time(form: Form, name: string, fallback?: number): number {
  const text = form.get(name);
  if (!text) {
    if (fallback === undefined) throw new TopFault(TOP_ERRORS.missingArgument(name));
    return fallback;
  }
  const ms = parseBeijingText(text);
  if (ms === null) throw new TopFault(TOP_ERRORS.invalidArgument(name, '格式:yyyy-MM-dd HH:mm:ss'));
  return ms;
}

function int(form: Form, name: string, fallback: number, min: number, max: number): number {
  const text = form.get(name);
  if (!text) return fallback;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new TopFault(TOP_ERRORS.invalidArgument(name, `取值范围:${min}~${max}`));
  return n;
}

const fieldsOf = (form: Form): string[] => required(form, 'fields').split(',').map((f) => f.trim()).filter(Boolean);
const tradeText = (t: VisibleTrade, fields: string[]): string => wireJson(pickFields(renderTrade(t.story, t.version, t.ids), fields));

/** §1.4/§1.5 paging: `page_size` 1–100 (default 40); `use_has_next` → has_next instead of total_results. */
function tradePage(root: string, hits: VisibleTrade[], form: Form, ctx: MethodContext): string {
  const fields = fieldsOf(form);
  const pageNo = int(form, 'page_no', 1, 1, 1_000_000);
  const pageSize = int(form, 'page_size', 40, 1, 100);
  const page = hits.slice((pageNo - 1) * pageSize, pageNo * pageSize);
  ctx.countTrades(page.length);
  const parts = form.get('use_has_next') === 'true' ? [`"has_next":${pageNo * pageSize < hits.length}`] : [`"total_results":${hits.length}`];
  if (page.length) parts.push(`"trades":{"trade":[${page.map((t) => tradeText(t, fields)).join(',')}]}`); // empty lists are omitted
  return body(root, parts, ctx.requestId);
}

const soldGet: Handler = (form, ctx) => {
  // §1.4: only the last three months are searchable.
  const start = time(form, 'start_created', ctx.now - 90 * DAY_MS);
  const end = time(form, 'end_created', ctx.now);
  return tradePage('trades_sold_get_response', ctx.book.query(ctx.now, 'createdAt', start, end, selectedTypes(form.get('type'))), form, ctx);
};

const incrementGet: Handler = (form, ctx) => {
  const start = time(form, 'start_modified');
  const end = time(form, 'end_modified');
  if (end <= start) throw new TopFault(TOP_ERRORS.invalidArgument('end_modified', '必须大于修改开始时间'));
  // §1.5: end_modified - start_modified <= 1 day.
  if (end - start > DAY_MS) throw new TopFault(TOP_ERRORS.invalidArgument('end_modified', '修改时间跨度不能大于一天'));
  return tradePage('trades_sold_increment_get_response', ctx.book.query(ctx.now, 'modifiedAt', start, end, selectedTypes(form.get('type'))), form, ctx);
};

const fullinfoGet: Handler = (form, ctx) => {
  const fields = fieldsOf(form);
  const trade = ctx.book.find(required(form, 'tid'), ctx.now);
  if (!trade) throw new TopFault(TOP_ERRORS.tradeNotExist);
  ctx.countTrades(1);
  return body('trade_fullinfo_get_response', [`"trade":${tradeText(trade, fields)}`], ctx.requestId);
};

function groupKey(form: Form, ctx: MethodContext): string {
  const group = form.get('group_name') ?? 'default';
  if (group !== 'default') throw new TopFault(TOP_ERRORS.groupNotExist); // §12.1: no user groups configured
  return `${ctx.appKey}/${group}`;
}

const tmcConsume: Handler = (form, ctx) => {
  const quantity = int(form, 'quantity', 100, 10, 200); // §12.1: 10–200
  const messages = ctx.tmc.consume(groupKey(form, ctx), ctx.appKey, quantity, ctx.now);
  const parts = messages.length ? [`"messages":{"tmc_message":[${messages.join(',')}]}`] : [];
  return body('tmc_messages_consume_response', parts, ctx.requestId);
};

const tmcConfirm: Handler = (form, ctx) => {
  const ids = required(form, 's_message_ids').split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length > 200) throw new TopFault(TOP_ERRORS.invalidArgument('s_message_ids', '最多200个')); // §12.1
  ctx.tmc.confirm(groupKey(form, ctx), ids);
  return body('tmc_messages_confirm_response', ['"is_success":true'], ctx.requestId);
};

const timeGet: Handler = (_form, ctx) => body('time_get_response', [`"time":${JSON.stringify(beijingText(ctx.now))}`], ctx.requestId);

/** Methods, and whether they need the seller's `session` (§1.2 "when API 需要授权"). */
export const METHOD_TABLE: Record<string, { handler: Handler; session: boolean }> = {
  'taobao.trades.sold.get': { handler: soldGet, session: true },
  'taobao.trades.sold.increment.get': { handler: incrementGet, session: true },
  'taobao.trade.fullinfo.get': { handler: fullinfoGet, session: true },
  'taobao.tmc.messages.consume': { handler: tmcConsume, session: false },
  'taobao.tmc.messages.confirm': { handler: tmcConfirm, session: false },
  'taobao.time.get': { handler: timeGet, session: false },
  'taobao.top.auth.token.create': { handler: tokenCreate, session: false },
  'taobao.top.auth.token.refresh': { handler: tokenRefresh, session: false },
  'taobao.logistics.offline.send': { handler: offlineSend, session: true },
  'taobao.logistics.consign.resend': { handler: consignResend, session: true },
  'taobao.logistics.companies.get': { handler: companiesGet, session: false },
};
