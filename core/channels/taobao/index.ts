/** Taobao / Tmall Open Platform (TOP) connector — protocols.md §1 and §12.1. */
export { createTaobaoConnector, type TaobaoConnector, type TaobaoConnectorOptions } from './connector.js';
export { consumeTmcMessages, confirmTmcMessages, parseTmcMessage, tidsToReread, type TmcMessage, type TmcOptions } from './tmc.js';
export { signTopParams, topStringToSign } from './sign.js';
export { callTop, buildTopForm, readTopAnswer, type TopAnswer, type TopCallOptions } from './client.js';
export { formatBeijing, parseBeijing } from './beijing-time.js';
export { normaliseTrade, type TradeOutcome } from './normalise.js';
export { TAOBAO_STATUS_TABLE, unifiedTradeStatus } from './status.js';
export { classifyTopError } from './errors.js';
export { wireChunks } from './paging.js';
export { ALL_TRADE_TYPES, MAX_WINDOW_MS, TRADE_FIELDS, type SignMethod } from './protocol.js';
export type { SkuField } from './trade-lines.js';
