/** The mapping spec of each pulled channel, declared beside its normaliser. */
import type { FieldSources } from '../../contract/mapping.js';
import type { Channel } from '../../contract/orders.js';
import type { Db } from '../../store/db.js';
import { DOUYIN_MAPPING } from '../douyin/fields.js';
import { PDD_MAPPING } from '../pinduoduo/fields.js';
import { TAOBAO_MAPPING } from '../taobao/trade-fields.js';
import type { ShopRow } from '../sync/shops-repo.js';
import type { ChannelMappingSpec } from './spec.js';
import { readStoredMapping, resolveMapping } from './store.js';

const SPECS: Partial<Record<Channel, ChannelMappingSpec>> = { taobao: TAOBAO_MAPPING, pinduoduo: PDD_MAPPING, douyin: DOUYIN_MAPPING };

export function mappingSpecOf(channel: Channel): ChannelMappingSpec | undefined {
  return SPECS[channel];
}

/** The resolved sources a shop's connector normalises with (ShopContext.mapping); undefined for push channels. */
export function shopMappingSources(db: Db, shop: ShopRow): FieldSources | undefined {
  const spec = SPECS[shop.channel];
  return spec ? resolveMapping(shop.channel, spec, readStoredMapping(db, shop)).sources : undefined;
}
