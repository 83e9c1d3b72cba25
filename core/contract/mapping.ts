/**
 * Field mapping (issue 3 "Normalisation"): which platform field feeds each mappable unified field,
 * per channel and optionally overridden per shop. The engine side lives in core/channels/mapping/.
 */
import type { Channel, OrderAmounts, OrderStatus, Receiver } from './orders.js';

/** The unified fields whose platform source an operator may choose. */
export const MAPPABLE_FIELDS = ['line.platformSku', 'line.title', 'order.buyerRemark', 'order.sellerRemark', 'receiver.name', 'receiver.phone', 'receiver.address'] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** target → ordered sources; the first one with a usable value wins. An empty list = leave it empty (remarks only). */
export type FieldSources = { readonly [F in MappableField]?: readonly string[] };

export type MappingScope = 'shop' | 'channel';
/** Where a field's effective sources came from. `legacy` = the shop's old `settings.skuField`. */
export type MappingOrigin = 'shop' | 'legacy' | 'channel' | 'default';

export interface MappingSourceInfo {
  /** The name stored in a definition (a platform field, relative to the order or to one line). */
  source: string;
  /** JSON keys the source reads, so the sample can highlight them. */
  keys: string[];
  /** The platform's meaning, as documented (protocols.md). */
  note: string;
}

export interface MappingFieldInfo {
  field: MappableField;
  scope: 'order' | 'line';
  /** Where in the platform's payload the sources are read (e.g. `orders.order[]`). */
  path: string;
  /** May the field be left unmapped (an empty list)? */
  optional: boolean;
  sources: MappingSourceInfo[];
  defaults: string[];
  channel: string[] | null;
  shop: string[] | null;
  effective: string[];
  origin: MappingOrigin;
}

export interface MappingSample {
  origin: 'stored' | 'fixture';
  /** What the sample is: the order it came from, or which committed fixture. */
  label: string;
  /** The payload as pretty-printed JSON (ids exact). */
  text: string;
  rawPayloadId: number | null;
  receivedAt: number | null;
}

export interface MappingView {
  shopId: string;
  channel: Channel;
  fields: MappingFieldInfo[];
  sample: MappingSample;
  /** Stored sources that are not (or no longer) valid: ignored when resolving, shown here. */
  problems: string[];
}

export interface MappingPreviewLine {
  lineNo: number;
  platformSku: string;
  /** Through the SKU mapping table, exactly as ingestion resolves it; null = not mapped. */
  standardSku: string | null;
  title: string;
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
}

export interface MappingPreview {
  kind: 'order' | 'unknown-status' | 'rejected';
  /** Why the sample would not become an order (unknown status, malformed field). */
  message: string | null;
  effective: FieldSources;
  order: {
    platformOrderId: string;
    status: OrderStatus;
    platformStatus: string | null;
    receiver: Receiver;
    amounts: OrderAmounts;
    buyerRemark: string;
    sellerRemark: string;
  } | null;
  lines: MappingPreviewLine[];
  unmappedLines: number;
}

export interface MappingReapplyResult {
  considered: number;
  updated: number;
  unchanged: number;
  /** Orders whose stored payload cannot be re-read (imported, pushed in another shape, rejected now). */
  skipped: number;
}

export interface ChannelMappingHandlers {
  'channels/mapping/get': { args: { shopId: string }; result: MappingView };
  /** `rawPayloadId`: the stored sample the editor shows (from `get`); null or absent = the channel's fixture. */
  'channels/mapping/preview': { args: { shopId: string; scope: MappingScope; fields: FieldSources; rawPayloadId?: number | null }; result: MappingPreview };
  'channels/mapping/save': { args: { shopId: string; scope: MappingScope; fields: FieldSources }; result: MappingView };
  'channels/mapping/reapply': { args: { shopId: string }; result: MappingReapplyResult };
}
