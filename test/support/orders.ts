/** A small, explicit order for engine tests (the demo generator covers realism). */
import type { OrderInput } from '../../core/contract/orders.js';

export function sampleOrder(overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    channel: 'taobao',
    shopId: 'tb-flagship',
    platformOrderId: '3791234567890123456',
    status: 'paid',
    platformStatus: 'WAIT_SELLER_SEND_GOODS',
    buyerNick: 'tb_buyer_01',
    receiver: { name: '张三', phone: '13812345678', province: '浙江省', city: '杭州市', district: '西湖区', address: '文三路 100 号 3 幢 501' },
    amounts: { goodsFen: 19800, platformDiscountFen: 1000, sellerDiscountFen: 500, shippingFen: 0, paidFen: 18300, platformFeeFen: 110 },
    createdAt: Date.UTC(2026, 10, 20, 2, 0, 0),
    paidAt: Date.UTC(2026, 10, 20, 2, 1, 0),
    shipByAt: Date.UTC(2026, 10, 22, 2, 1, 0),
    platformModifiedAt: Date.UTC(2026, 10, 20, 2, 1, 0),
    lines: [
      { platformItemId: '620011223344', platformSku: '5012345678901', title: '西湖龙井 250g 礼盒', quantity: 1, unitPriceFen: 12800, amountFen: 12800 },
      { platformItemId: '620011223345', platformSku: '5012345678902', title: '紫砂杯', quantity: 1, unitPriceFen: 7000, amountFen: 7000 },
    ],
    raw: { contentType: 'application/json', body: '{"tid":3791234567890123456}' },
    ...overrides,
  };
}
