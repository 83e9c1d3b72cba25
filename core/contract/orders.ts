/** The unified order model (issue 2 "Orders"). Money is integer fen; platform order ids are strings. */
export const CHANNELS = ['douyin', 'pinduoduo', 'taobao', 'wechat', 'pos'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'awaiting_shipment',
  'frozen',
  'partially_shipped',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'refunding',
  'refunded',
  'closed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The six money fields of an order, in display order (all integer fen). */
export const AMOUNT_FIELDS = ['goodsFen', 'platformDiscountFen', 'sellerDiscountFen', 'shippingFen', 'paidFen', 'platformFeeFen'] as const;

export interface OrderAmounts {
  goodsFen: number;
  platformDiscountFen: number;
  sellerDiscountFen: number;
  shippingFen: number;
  paidFen: number;
  platformFeeFen: number;
}

export interface Receiver {
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  address: string;
}

export interface OrderLineInput {
  platformItemId?: string;
  platformSku: string;
  /** Resolved through the SKU mapping table when absent. */
  standardSku?: string | null;
  title: string;
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
}

export interface ShipmentInput {
  carrier: string;
  waybillNo: string;
  /** The "logistics sync timestamp": epoch ms. */
  shippedAt: number;
  /** Line numbers (1-based, in order of `lines`) carried by this parcel; empty = whole order. */
  lineNos?: number[];
}

/** What connectors, imports and the demo hand to the engine. */
export interface OrderInput {
  channel: Channel;
  shopId: string;
  platformOrderId: string;
  status: OrderStatus;
  /** The platform's own status text, kept verbatim. */
  platformStatus?: string;
  buyerNick?: string;
  receiver: Receiver;
  amounts: OrderAmounts;
  createdAt: number;
  paidAt?: number | null;
  shipByAt?: number | null;
  /** The platform's modified time: a newer one wins, an older one is recorded and not applied. */
  platformModifiedAt: number;
  tags?: string[];
  buyerRemark?: string;
  sellerRemark?: string;
  lines: OrderLineInput[];
  shipments?: ShipmentInput[];
  /** Raw partner payload, kept and linked from the timeline. */
  raw?: { contentType: string; body: string };
}

/** A row of the orders grid: receiver phone/address masked. */
export interface OrderRow {
  id: number;
  channel: Channel;
  shopId: string;
  platformOrderId: string;
  status: OrderStatus;
  platformStatus: string | null;
  buyerNick: string | null;
  receiverName: string;
  receiverPhoneMasked: string;
  receiverRegion: string;
  goodsFen: number;
  platformDiscountFen: number;
  sellerDiscountFen: number;
  shippingFen: number;
  paidFen: number;
  platformFeeFen: number;
  createdAt: number;
  paidAt: number | null;
  shipByAt: number | null;
  platformModifiedAt: number;
  updatedAt: number;
  tags: string[];
  sellerRemark: string;
  waybillNos: string[];
  lineCount: number;
}

export interface OrderLine {
  id: number;
  lineNo: number;
  platformItemId: string | null;
  platformSku: string;
  standardSku: string | null;
  title: string;
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
}

export interface Shipment {
  id: number;
  carrier: string;
  waybillNo: string;
  shippedAt: number;
  lineNos: number[];
}

export interface OrderDetail extends OrderRow {
  buyerRemark: string;
  receiverAddressMasked: string;
  rawPayloadId: number | null;
  version: number;
  lines: OrderLine[];
  shipments: Shipment[];
}

/** Columns the grid may sort and filter by (server-side). */
export const ORDER_COLUMNS = [
  'id',
  'channel',
  'shopId',
  'platformOrderId',
  'status',
  'platformStatus',
  'buyerNick',
  'receiverName',
  'receiverRegion',
  'goodsFen',
  'platformDiscountFen',
  'sellerDiscountFen',
  'shippingFen',
  'paidFen',
  'platformFeeFen',
  'createdAt',
  'paidAt',
  'shipByAt',
  'platformModifiedAt',
  'updatedAt',
  'tags',
  'sellerRemark',
] as const;
export type OrderColumn = (typeof ORDER_COLUMNS)[number];

/** A column filter, shaped after ag-grid's filter models so the grid's state maps straight in. */
export type ColumnFilter =
  | { kind: 'text'; op: 'equals' | 'contains' | 'startsWith'; value: string }
  | { kind: 'set'; values: string[] }
  | { kind: 'number'; op: 'equals' | 'lessThan' | 'greaterThan' | 'inRange'; value: number; valueTo?: number }
  | { kind: 'date'; op: 'equals' | 'before' | 'after' | 'inRange'; from: number; to?: number };

export interface OrderQuery {
  filters?: Partial<Record<OrderColumn, ColumnFilter>>;
  /** Order id / waybill / receiver name; a 4-digit query also matches the phone tail. */
  search?: string;
  sort?: { column: OrderColumn; direction: 'asc' | 'desc' };
}

export interface OrderListArgs extends OrderQuery {
  limit?: number;
  /** Keyset cursor from the previous page's `nextCursor` (preferred: deep pages stay fast). */
  after?: string;
  /** Random access for a grid scrollbar jump when no cursor is known. */
  offset?: number;
}

export interface OrderListResult {
  rows: OrderRow[];
  /** Absent when this page is the last. */
  nextCursor?: string;
}

export interface OrderEditArgs {
  id: number;
  /** The version the operator saw: a stale edit is a Conflict, never a silent overwrite. */
  expectedVersion?: number;
  changes: {
    sellerRemark?: string;
    buyerRemark?: string;
    tags?: string[];
    status?: OrderStatus;
    shipByAt?: number | null;
    receiver?: Partial<Receiver>;
    amounts?: Partial<OrderAmounts>;
  };
  reason?: string;
}

export interface SkuMapping {
  channel: Channel;
  platformSku: string;
  standardSku: string;
  note: string;
  updatedAt: number;
}

export interface ImportRowError {
  /** 1-based row number in the file, counting the header row as row 1. */
  row: number;
  field?: string;
  message: string;
}

export interface ImportPreview {
  fileName: string;
  fileSha256: string;
  encoding: string;
  rowsRead: number;
  ordersRead: number;
  newOrders: number;
  changedOrders: number;
  unchangedOrders: number;
  /** Rows that block their order. */
  errors: ImportRowError[];
  /** Checks that do not block (e.g. the amount formula does not add up). */
  warnings: ImportRowError[];
  alreadyImported: boolean;
  sample: Array<{ platformOrderId: string; status: OrderStatus; paidFen: number; receiverName: string }>;
}

export interface ImportResult extends ImportPreview {
  inserted: number;
  updated: number;
  skipped: number;
}

export interface SavedView {
  id: number;
  name: string;
  state: unknown;
  updatedAt: number;
}
