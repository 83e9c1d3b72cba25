/**
 * Taobao / Tmall Open Platform (TOP) constants, each with its source in protocols.md. Values the
 * fact sheet marks [U] (unconfirmed) are defaults of `TaobaoConnectorOptions`, never validation.
 */

/** §1.2: the fixed system parameters of every call. */
export const TOP_VERSION = '2.0';
export const TOP_FORMAT = 'json';

/** §1.2/§1.3: `md5`, `hmac` (= HMAC-MD5) [V]; `hmac-sha256` [S] (listed, wrapping seen only in helpers). */
export const SIGN_METHODS = ['md5', 'hmac', 'hmac-sha256'] as const;
export type SignMethod = (typeof SIGN_METHODS)[number];

/** §1.4: page_size default 40, max 100 (the brief asks for 100 as our default). */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 100;

/** §1.5: `end_modified - start_modified <= 1 day` (inclusive, so exactly one day is allowed). */
export const MAX_WINDOW_MS = 24 * 3600_000;

/** §0/§1.2: TOP times are `yyyy-MM-dd HH:mm:ss` in GMT+8 whatever the machine's zone. */
export const BEIJING_OFFSET_MS = 8 * 3600_000;

/** §1.4/§1.5/§12.1: method names. */
export const METHODS = {
  soldGet: 'taobao.trades.sold.get',
  incrementGet: 'taobao.trades.sold.increment.get',
  fullinfoGet: 'taobao.trade.fullinfo.get',
  tmcConsume: 'taobao.tmc.messages.consume',
  tmcConfirm: 'taobao.tmc.messages.confirm',
  timeGet: 'taobao.time.get',
  /**
   * Not in protocols.md: `taobao.top.auth.token.create` (`code`, optional `uuid`) and
   * `taobao.top.auth.token.refresh` (`refresh_token`) [S] (`repo:bububa/opentaobao:model/util/TaobaoTopAuthToken*`):
   * both answer `token_result`, a JSON *string* with the fields of the old oauth.taobao.com/token answer.
   * The SDK notes that only 服务市场 (subscription) apps may refresh; others hold a fixed-length session.
   */
  tokenCreate: 'taobao.top.auth.token.create',
  tokenRefresh: 'taobao.top.auth.token.refresh',
} as const;

/**
 * [U] (not in protocols.md; the common OAuth 2 entry of TOP seen in third-party code): where the
 * seller grants the app. Configurable (`TaobaoConnectorOptions.authoriseUrl`).
 */
export const DEFAULT_AUTHORISE_URL = 'https://oauth.taobao.com/authorize';

/**
 * §1.4: without `type`, sold.get / increment.get return only guarantee_trade, auto_delivery, ec, cod
 * and step trades; every other type must be listed. The full list is not in protocols.md: it is the
 * official request-class comment (TradesSoldGetRequest "查询所有交易类型的数据，需要设置下面全部可选值").
 * [U] as a list, so it is an option (`tradeTypes`).
 */
export const ALL_TRADE_TYPES: readonly string[] = [
  'fixed', 'auction', 'guarantee_trade', 'step', 'independent_simple_trade', 'independent_shop_trade', 'auto_delivery', 'ec',
  'cod', 'game_equipment', 'shopex_trade', 'netcn_trade', 'external_trade', 'instant_trade', 'b2c_cod', 'hotel_trade',
  'super_market_trade', 'super_market_cod_trade', 'taohua', 'waimai', 'o2o_offlinetrade', 'nopaid', 'eticket', 'tmall_i18n',
  'insurance_plus', 'finance', 'pre_auth_type',
];

/**
 * §1.4 `fields` (required): Trade fields we read (§1.8 status, §1.9 money) plus receiver, times and
 * the sub-orders. `orders` returns every Order field, including the parcel fields we map to
 * shipments (Order.logistics_company / invoice_no / consign_time, TOP Order struct).
 */
export const TRADE_FIELDS = [
  'tid', 'type', 'status', 'buyer_nick', 'created', 'modified', 'pay_time', 'consign_time', 'end_time',
  'payment', 'total_fee', 'discount_fee', 'adjust_fee', 'post_fee', 'received_payment', 'commission_fee',
  'receiver_name', 'receiver_mobile', 'receiver_phone', 'receiver_state', 'receiver_city', 'receiver_district', 'receiver_address',
  'buyer_message', 'seller_memo', 'orders',
].join(',');

/** §1.8: every documented `trade.status` value. */
export const TRADE_STATUSES = [
  'TRADE_NO_CREATE_PAY', 'WAIT_BUYER_PAY', 'SELLER_CONSIGNED_PART', 'WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS',
  'TRADE_BUYER_SIGNED', 'TRADE_FINISHED', 'TRADE_CLOSED', 'TRADE_CLOSED_BY_TAOBAO', 'PAY_PENDING', 'WAIT_PRE_AUTH_CONFIRM',
  'PAID_FORBID_CONSIGN',
] as const;
export type TradeStatus = (typeof TRADE_STATUSES)[number];

/** §1.8: Order `refund_status` values meaning a refund is still open (SELLER_REFUSE_BUYER, CLOSED, SUCCESS, NO_REFUND are not). */
export const OPEN_REFUND_STATUSES: readonly string[] = ['WAIT_SELLER_AGREE', 'WAIT_BUYER_RETURN_GOODS', 'WAIT_SELLER_CONFIRM_GOODS'];

/** §12.1: consume `quantity` is 10–200; confirm takes at most 200 ids per call. */
export const TMC_MIN_QUANTITY = 10;
export const TMC_MAX_QUANTITY = 200;
export const TMC_MAX_CONFIRM_IDS = 200;
/** §12.1: group `default` when the app has no user groups. */
export const TMC_DEFAULT_GROUP = 'default';

/** §1.6: TOP response root = the method without `taobao.`, dots → underscores, + `_response`. */
export function responseRootOf(method: string): string {
  return `${method.replace(/^taobao\./, '').replaceAll('.', '_')}_response`;
}
