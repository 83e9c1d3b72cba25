/** Row shapes of the orders tables and their mapping to the contract types. */
import type { Channel, OrderDetail, OrderLine, OrderRow, OrderStatus, Shipment } from '../contract/orders.js';
import { maskAddress, maskPhone } from './mask.js';

export interface OrderDbRow {
  id: number;
  channel: Channel;
  shop_id: string;
  platform_order_id: string;
  status: OrderStatus;
  platform_status: string | null;
  buyer_nick: string | null;
  receiver_name: string;
  receiver_phone: string;
  receiver_phone_tail: string;
  receiver_province: string;
  receiver_city: string;
  receiver_district: string;
  receiver_address: string;
  goods_fen: number;
  platform_discount_fen: number;
  seller_discount_fen: number;
  shipping_fen: number;
  paid_fen: number;
  platform_fee_fen: number;
  created_at: number;
  paid_at: number | null;
  ship_by_at: number | null;
  platform_modified_at: number;
  updated_at: number;
  tags: string;
  buyer_remark: string;
  seller_remark: string;
  waybill_nos: string;
  line_count: number;
  raw_payload_id: number | null;
  version: number;
}

export interface LineDbRow {
  id: number;
  order_id: number;
  line_no: number;
  platform_item_id: string | null;
  platform_sku: string;
  standard_sku: string | null;
  title: string;
  quantity: number;
  unit_price_fen: number;
  amount_fen: number;
}

export interface ShipmentDbRow {
  id: number;
  order_id: number;
  carrier: string;
  waybill_no: string;
  shipped_at: number;
  line_nos: string;
}

export function toOrderRow(r: OrderDbRow): OrderRow {
  return {
    id: r.id,
    channel: r.channel,
    shopId: r.shop_id,
    platformOrderId: r.platform_order_id,
    status: r.status,
    platformStatus: r.platform_status,
    buyerNick: r.buyer_nick,
    receiverName: r.receiver_name,
    receiverPhoneMasked: maskPhone(r.receiver_phone),
    receiverRegion: [r.receiver_province, r.receiver_city, r.receiver_district].filter(Boolean).join(' '),
    goodsFen: r.goods_fen,
    platformDiscountFen: r.platform_discount_fen,
    sellerDiscountFen: r.seller_discount_fen,
    shippingFen: r.shipping_fen,
    paidFen: r.paid_fen,
    platformFeeFen: r.platform_fee_fen,
    createdAt: r.created_at,
    paidAt: r.paid_at,
    shipByAt: r.ship_by_at,
    platformModifiedAt: r.platform_modified_at,
    updatedAt: r.updated_at,
    tags: JSON.parse(r.tags) as string[],
    sellerRemark: r.seller_remark,
    waybillNos: r.waybill_nos ? r.waybill_nos.split(' ') : [],
    lineCount: r.line_count,
  };
}

export function toOrderLine(r: LineDbRow): OrderLine {
  return {
    id: r.id,
    lineNo: r.line_no,
    platformItemId: r.platform_item_id,
    platformSku: r.platform_sku,
    standardSku: r.standard_sku,
    title: r.title,
    quantity: r.quantity,
    unitPriceFen: r.unit_price_fen,
    amountFen: r.amount_fen,
  };
}

export function toShipment(r: ShipmentDbRow): Shipment {
  return { id: r.id, carrier: r.carrier, waybillNo: r.waybill_no, shippedAt: r.shipped_at, lineNos: JSON.parse(r.line_nos) as number[] };
}

export function toOrderDetail(r: OrderDbRow, lines: LineDbRow[], shipments: ShipmentDbRow[]): OrderDetail {
  return {
    ...toOrderRow(r),
    buyerRemark: r.buyer_remark,
    receiverAddressMasked: maskAddress(r.receiver_address),
    rawPayloadId: r.raw_payload_id,
    version: r.version,
    lines: lines.map(toOrderLine),
    shipments: shipments.map(toShipment),
  };
}
