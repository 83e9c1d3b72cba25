/**
 * Where definitions live and how they combine. A channel's definition is a row of the `settings`
 * table (`channels.fieldMapping.<channel>`); a shop's override is `fieldMapping` inside the shop's
 * `settings` JSON (no migration needed). Per field the shop's override wins, then the shop's legacy
 * `settings.skuField` (line.platformSku only: that field first, then the channel's list), then the
 * channel's definition, then the connector's defaults. Writes are audited in their transaction.
 */
import { type FieldSources, MAPPABLE_FIELDS, type MappableField, type MappingOrigin, type MappingScope } from '../../contract/mapping.js';
import type { Channel } from '../../contract/orders.js';
import type { WriteContext } from '../../kernel/mutation.js';
import type { Db } from '../../store/db.js';
import type { ShopRow } from '../sync/shops-repo.js';
import type { ChannelMappingSpec } from './spec.js';

export const channelMappingKey = (channel: Channel) => `channels.fieldMapping.${channel}`;

export interface StoredMapping {
  channel: FieldSources | null;
  shop: FieldSources | null;
  legacySkuField: string | null;
}

export interface ResolvedField {
  effective: readonly string[];
  origin: MappingOrigin;
}

export interface ResolvedMapping {
  fields: Partial<Record<MappableField, ResolvedField>>;
  /** What the normalisers read: every field of the channel's spec, fully resolved. */
  sources: FieldSources;
  problems: string[];
}

type ShopMappingSettings = { fieldMapping?: { fields?: FieldSources }; skuField?: string };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function readChannelMapping(db: Db, channel: Channel): FieldSources | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(channelMappingKey(channel)) as { value: string } | undefined;
  const parsed = row ? (parseJson(row.value) as { fields?: FieldSources } | null) : null;
  return parsed?.fields ?? null;
}

export function readStoredMapping(db: Db, shop: ShopRow): StoredMapping {
  const settings = shop.settings as ShopRow['settings'] & ShopMappingSettings;
  return { channel: readChannelMapping(db, shop.channel), shop: settings.fieldMapping?.fields ?? null, legacySkuField: settings.skuField || null };
}

/** What the stored layers would be once `fields` is saved at `scope`: a shop save replaces the legacy skuField. */
export function proposeMapping(stored: StoredMapping, scope: MappingScope, fields: FieldSources): StoredMapping {
  return scope === 'channel' ? { ...stored, channel: fields } : { channel: stored.channel, shop: fields, legacySkuField: null };
}

/**
 * The effective sources per field. Stored entries that do not fit the spec (edited by hand, or a
 * source a newer connector dropped) are skipped and reported, never half-applied.
 */
export function resolveMapping(channel: Channel, spec: ChannelMappingSpec, stored: StoredMapping): ResolvedMapping {
  const problems: string[] = [];
  const usable = (layer: string, field: MappableField, list: unknown): readonly string[] | null => {
    if (list === undefined || list === null) return null;
    const target = spec[field]!;
    const known = new Set(target.sources.map((s) => s.name));
    if (!Array.isArray(list) || list.some((s) => typeof s !== 'string' || !known.has(s)) || (list.length === 0 && !target.optional)) {
      problems.push(`The ${layer} mapping of ${field} (${JSON.stringify(list)}) does not fit ${channel}'s sources; it is ignored.`);
      return null;
    }
    return list as string[];
  };
  const fields: ResolvedMapping['fields'] = {};
  const sources: Record<string, readonly string[]> = {};
  for (const field of MAPPABLE_FIELDS) {
    const target = spec[field];
    if (!target) continue;
    const fromChannel = usable('channel', field, stored.channel?.[field]);
    const fromShop = usable('shop', field, stored.shop?.[field]);
    let resolved: ResolvedField;
    if (fromShop) resolved = { effective: fromShop, origin: 'shop' };
    else if (field === 'line.platformSku' && stored.legacySkuField && usable('legacy skuField', field, [stored.legacySkuField])) {
      const rest = fromChannel ?? target.defaults;
      resolved = { effective: [stored.legacySkuField, ...rest.filter((s) => s !== stored.legacySkuField)], origin: 'legacy' };
    } else if (fromChannel) resolved = { effective: fromChannel, origin: 'channel' };
    else resolved = { effective: target.defaults, origin: 'default' };
    fields[field] = resolved;
    sources[field] = resolved.effective;
  }
  return { fields, sources: sources as FieldSources, problems };
}

const isEmpty = (fields: FieldSources) => Object.keys(fields).length === 0;

export function writeChannelMapping(w: WriteContext, channel: Channel, before: FieldSources | null, fields: FieldSources): void {
  if (isEmpty(fields)) w.db.prepare('DELETE FROM settings WHERE key = ?').run(channelMappingKey(channel));
  else {
    w.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(channelMappingKey(channel), JSON.stringify({ fields }));
  }
  w.audit({ entityType: 'channel', entityId: channel, action: 'field-mapping', changes: [{ field: 'fieldMapping', before, after: isEmpty(fields) ? null : fields }] });
}

export function writeShopMapping(w: WriteContext, shop: ShopRow, fields: FieldSources): void {
  const settings: Record<string, unknown> = { ...shop.settings };
  const before = (settings as ShopMappingSettings).fieldMapping?.fields ?? null;
  const legacy = (settings as ShopMappingSettings).skuField ?? null;
  delete settings.skuField; // its meaning now lives in the definition (the editor shows it as the shop's choice)
  if (isEmpty(fields)) delete settings.fieldMapping;
  else settings.fieldMapping = { fields };
  w.db.prepare('UPDATE shops SET settings = ? WHERE id = ?').run(JSON.stringify(settings), shop.id);
  const changes = [{ field: 'fieldMapping', before, after: isEmpty(fields) ? null : fields }];
  if (legacy !== null) changes.push({ field: 'skuField', before: legacy as never, after: null });
  w.audit({ entityType: 'shop', entityId: shop.id, action: 'field-mapping', changes });
}
