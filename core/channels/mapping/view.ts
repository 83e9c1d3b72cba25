/** What `channels/mapping/get` shows: each mappable field with its sources and layers, and the sample. */
import { MAPPABLE_FIELDS, type MappingFieldInfo, type MappingView } from '../../contract/mapping.js';
import type { Db } from '../../store/db.js';
import type { ShopRow } from '../sync/shops-repo.js';
import { latestSample } from './sample.js';
import type { ChannelMappingSpec } from './spec.js';
import { readStoredMapping, resolveMapping } from './store.js';

export function mappingView(db: Db, shop: ShopRow, spec: ChannelMappingSpec): MappingView {
  const stored = readStoredMapping(db, shop);
  const resolved = resolveMapping(shop.channel, spec, stored);
  const fields: MappingFieldInfo[] = [];
  for (const field of MAPPABLE_FIELDS) {
    const target = spec[field];
    const layer = resolved.fields[field];
    if (!target || !layer) continue;
    fields.push({
      field,
      scope: target.scope,
      path: target.path,
      optional: target.optional,
      sources: target.sources.map((s) => ({ source: s.name, keys: [...s.keys], note: s.note })),
      defaults: [...target.defaults],
      channel: stored.channel?.[field] ? [...stored.channel[field]] : null,
      // The legacy skuField is shown as the shop's own choice: saving the shop's mapping keeps it there.
      shop: stored.shop?.[field] ? [...stored.shop[field]] : layer.origin === 'legacy' ? [...layer.effective] : null,
      effective: [...layer.effective],
      origin: layer.origin,
    });
  }
  const sample = latestSample(db, shop);
  return { shopId: shop.id, channel: shop.channel, fields, sample: { origin: sample.origin, label: sample.label, text: sample.text, rawPayloadId: sample.rawPayloadId, receivedAt: sample.receivedAt }, problems: resolved.problems };
}
