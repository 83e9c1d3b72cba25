/**
 * One stored or sample payload → what the channel's connector makes of it, with a given mapping.
 * This calls the very normalisers the connectors call during a pull (taobao normaliseTrade,
 * pinduoduo normalizePddOrder, douyin normalizeShopOrder), with the options a connector built by
 * createConnectors() uses — there is no separate preview logic.
 */
import type { FieldSources } from '../../contract/mapping.js';
import type { Channel, OrderInput } from '../../contract/orders.js';
import { DEFAULT_DOUYIN_CARRIER_CODES } from '../douyin/connector.js';
import { normalizeShopOrder } from '../douyin/normalize.js';
import { DOUYIN_ORDER_STATUS } from '../douyin/status.js';
import { parseJsonLossless } from '../lossless-json.js';
import { pullConfig } from '../pinduoduo/connector.js';
import { normalizePddOrder } from '../pinduoduo/normalize.js';
import { normaliseTrade } from '../taobao/normalise.js';

export type SampleOutcome =
  | { kind: 'order'; order: OrderInput }
  | { kind: 'unknown-status'; platformOrderId: string; status: string }
  | { kind: 'rejected'; platformOrderId: string | null; message: string };

export function normaliseSample(channel: Channel, rawText: string, shopId: string, mapping: FieldSources): SampleOutcome {
  let value: unknown;
  try {
    value = parseJsonLossless(rawText);
  } catch (err) {
    return { kind: 'rejected', platformOrderId: null, message: `the payload is not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  switch (channel) {
    case 'taobao': {
      const outcome = normaliseTrade(value, { shopId, mapping, statusOverrides: {} });
      if (outcome.kind === 'order') return { kind: 'order', order: outcome.order };
      if (outcome.kind === 'unknown-status') return { kind: 'unknown-status', platformOrderId: outcome.platformOrderId, status: outcome.status };
      return { kind: 'rejected', platformOrderId: outcome.platformOrderId, message: outcome.message };
    }
    case 'pinduoduo':
      return normalizePddOrder(value, rawText, shopId, { ...pullConfig({}), mapping });
    case 'douyin':
      return normalizeShopOrder(value, rawText, { shopId, mapping, statusTable: DOUYIN_ORDER_STATUS, carrierCodes: DEFAULT_DOUYIN_CARRIER_CODES, afterSaleOverlay: true });
    default:
      return { kind: 'rejected', platformOrderId: null, message: `${channel} has no connector to normalise with` };
  }
}
