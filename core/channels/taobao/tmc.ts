/**
 * Taobao TMC over HTTP polling (protocols.md §12.1): `taobao.tmc.messages.consume` hands out
 * messages, `taobao.tmc.messages.confirm` acknowledges them; unconfirmed ones come again, so a
 * consumer dedupes on `id` and confirms only after acting. TMC content is a notification, not the
 * order: `tidsToReread` names the trades to re-read (connector.fetchTrades → trade.fullinfo.get).
 * TMC is an app-level service: no seller `session` is sent.
 */
import { parseJsonLossless } from '../lossless-json.js';
import { PlatformError, type ShopContext } from '../types.js';
import { parseBeijing } from './beijing-time.js';
import { callTop } from './client.js';
import { METHODS, TMC_DEFAULT_GROUP, TMC_MAX_CONFIRM_IDS, TMC_MAX_QUANTITY, TMC_MIN_QUANTITY, type SignMethod } from './protocol.js';
import { asRecord, idText, listOf, optionalText } from './trade-fields.js';

export interface TmcMessage {
  /** §12.1 TmcMessage.id (int64): exact text. */
  id: string;
  topic: string;
  tid: string | null;
  oid: string | null;
  /** Trade status in the content, when the topic carries one (`TradeClose`, lifecycle topics). */
  status: string | null;
  pubTime: number | null;
  pubAppKey: string | null;
  userId: string | null;
  userNick: string | null;
  /** The parsed `content` (a JSON string on the wire), or null if it is not JSON. */
  content: Record<string, unknown> | null;
  /** `content` exactly as received. */
  rawContent: string;
}

export interface TmcOptions {
  /** §12.1: the user group; `default` when the app has none. */
  groupName?: string;
  /** §12.1: 10–200 per consume. Default 100. */
  quantity?: number;
  signMethod?: SignMethod;
}

export function parseTmcMessage(value: unknown): TmcMessage | null {
  const m = asRecord(value);
  const id = idText(m?.id);
  if (!m || !id) return null;
  const rawContent = optionalText(m.content) ?? '';
  let content: Record<string, unknown> | null = null;
  try {
    content = asRecord(parseJsonLossless(rawContent));
  } catch {
    content = null; // §12.1: content may be XML for some apps; the message still has to be confirmed.
  }
  return {
    id,
    topic: optionalText(m.topic) ?? '',
    tid: idText(content?.tid),
    oid: idText(content?.oid),
    status: optionalText(content?.status) ?? null,
    pubTime: parseBeijing(m.pub_time),
    pubAppKey: optionalText(m.pub_app_key) ?? null,
    userId: idText(m.user_id),
    userNick: optionalText(m.user_nick) ?? null,
    content,
    rawContent,
  };
}

export async function consumeTmcMessages(shop: ShopContext, options: TmcOptions = {}): Promise<TmcMessage[]> {
  const quantity = Math.min(TMC_MAX_QUANTITY, Math.max(TMC_MIN_QUANTITY, options.quantity ?? 100));
  const answer = await callTop(
    shop,
    METHODS.tmcConsume,
    { group_name: options.groupName ?? TMC_DEFAULT_GROUP, quantity },
    { signMethod: options.signMethod ?? 'md5', withSession: false },
  );
  // §1.6: non-simplified lists are wrapped in the element name (TmcMessage → tmc_message).
  return listOf(answer.root.messages, 'tmc_message')
    .map(parseTmcMessage)
    .filter((m): m is TmcMessage => m !== null);
}

export async function confirmTmcMessages(shop: ShopContext, ids: readonly string[], options: TmcOptions = {}): Promise<void> {
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += TMC_MAX_CONFIRM_IDS) {
    const batch = unique.slice(i, i + TMC_MAX_CONFIRM_IDS);
    const answer = await callTop(
      shop,
      METHODS.tmcConfirm,
      { group_name: options.groupName ?? TMC_DEFAULT_GROUP, s_message_ids: batch.join(',') },
      { signMethod: options.signMethod ?? 'md5', withSession: false },
    );
    if (answer.root.is_success === false || answer.root.is_success === 'false') {
      throw new PlatformError('transient', `${METHODS.tmcConfirm}: is_success=false for ${batch.length} message(s)`, { raw: answer.text.slice(0, 2000) });
    }
  }
}

/** The trades a batch of messages asks us to re-read: each tid once, in order of first mention. */
export function tidsToReread(messages: readonly TmcMessage[]): string[] {
  return [...new Set(messages.flatMap((m) => (m.tid ? [m.tid] : [])))];
}
