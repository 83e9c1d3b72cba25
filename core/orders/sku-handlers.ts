/** SKU mapping (platform SKU → standard SKU code): editor, CSV import/export. */
import { z } from 'zod';
import type { SkuHandlers } from '../contract/api.js';
import { CHANNELS, type Channel, type SkuMapping } from '../contract/orders.js';
import { fail } from '../kernel/errors.js';
import type { MutationQueue, WriteContext } from '../kernel/mutation.js';
import type { ModuleHandlers } from '../kernel/registry.js';
import type { Db } from '../store/db.js';
import { parseSkuCsv, skuCsv } from './sku-csv.js';

interface SkuRow {
  channel: Channel;
  platform_sku: string;
  standard_sku: string;
  note: string;
  updated_at: number;
}

const toMapping = (r: SkuRow): SkuMapping => ({ channel: r.channel, platformSku: r.platform_sku, standardSku: r.standard_sku, note: r.note, updatedAt: r.updated_at });
const skuText = z.string().trim().min(1).max(128);

export function skuHandlers(db: Db, mutations: MutationQueue): ModuleHandlers<keyof SkuHandlers> {
  const find = (channel: string, platformSku: string) =>
    db.prepare('SELECT * FROM sku_mappings WHERE channel = ? AND platform_sku = ?').get(channel, platformSku) as SkuRow | undefined;
  return {
    'sku/list': {
      permission: 'sku.read',
      args: z.object({ channel: z.enum(CHANNELS).optional(), search: z.string().max(100).optional(), limit: z.number().int().min(1).max(1000).optional(), offset: z.number().int().min(0).optional() }),
      run: (_ctx, args) => {
        const where: string[] = [];
        const params: unknown[] = [];
        if (args.channel) {
          where.push('channel = ?');
          params.push(args.channel);
        }
        if (args.search) {
          where.push('(platform_sku LIKE ? OR standard_sku LIKE ?)');
          params.push(`%${args.search}%`, `%${args.search}%`);
        }
        const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
        const total = (db.prepare(`SELECT count(*) AS n FROM sku_mappings ${clause}`).get(...params) as { n: number }).n;
        const rows = db.prepare(`SELECT * FROM sku_mappings ${clause} ORDER BY channel, platform_sku LIMIT ? OFFSET ?`).all(...params, args.limit ?? 200, args.offset ?? 0) as SkuRow[];
        return { rows: rows.map(toMapping), total };
      },
    },
    'sku/upsert': {
      permission: 'sku.edit',
      args: z.object({ channel: z.enum(CHANNELS), platformSku: skuText, standardSku: skuText, note: z.string().max(200).optional() }),
      run: async (ctx, args) => {
        await mutations.run(ctx.actor, ctx.source, (w) => upsertMapping(w, find(args.channel, args.platformSku), args));
        return toMapping(find(args.channel, args.platformSku)!);
      },
    },
    'sku/delete': {
      permission: 'sku.edit',
      args: z.object({ channel: z.enum(CHANNELS), platformSku: skuText }),
      run: async (ctx, args) => {
        const before = find(args.channel, args.platformSku);
        if (!before) throw fail.notFound(`No mapping for ${args.channel} ${args.platformSku}.`);
        await mutations.run(ctx.actor, ctx.source, (w) => {
          w.db.prepare('DELETE FROM sku_mappings WHERE channel = ? AND platform_sku = ?').run(args.channel, args.platformSku);
          w.audit({ entityType: 'sku', entityId: `${args.channel}:${args.platformSku}`, action: 'delete', changes: [{ field: 'standardSku', before: before.standard_sku, after: null }] });
        });
        return { ok: true as const };
      },
    },
    'sku/importCsv': {
      permission: 'sku.edit',
      args: z.object({ text: z.string().max(20_000_000), dryRun: z.boolean().optional() }),
      run: async (ctx, args) => {
        const { mappings, errors } = parseSkuCsv(args.text);
        let upserted = 0;
        let unchanged = 0;
        const apply = (w: WriteContext) => {
          for (const m of mappings) {
            if (upsertMapping(w, find(m.channel, m.platformSku), m)) upserted++;
            else unchanged++;
          }
        };
        if (args.dryRun) await mutations.simulate(ctx.actor, ctx.source, apply);
        else await mutations.run(ctx.actor, ctx.source, apply);
        return { upserted, unchanged, errors };
      },
    },
    'sku/exportCsv': {
      permission: 'sku.read',
      args: z.object({ channel: z.enum(CHANNELS).optional() }),
      run: (_ctx, args) => {
        const rows = (args.channel
          ? db.prepare('SELECT * FROM sku_mappings WHERE channel = ? ORDER BY channel, platform_sku').all(args.channel)
          : db.prepare('SELECT * FROM sku_mappings ORDER BY channel, platform_sku').all()) as SkuRow[];
        return { fileName: `sku-mappings${args.channel ? `-${args.channel}` : ''}.csv`, text: skuCsv(rows.map(toMapping)) };
      },
    },
  };
}

/** Returns true when something changed (and was audited). */
function upsertMapping(w: WriteContext, before: SkuRow | undefined, m: { channel: Channel; platformSku: string; standardSku: string; note?: string | undefined }): boolean {
  const note = m.note ?? before?.note ?? '';
  if (before && before.standard_sku === m.standardSku && before.note === note) return false;
  w.db
    .prepare('INSERT INTO sku_mappings (channel, platform_sku, standard_sku, note, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, platform_sku) DO UPDATE SET standard_sku = excluded.standard_sku, note = excluded.note, updated_at = excluded.updated_at')
    .run(m.channel, m.platformSku, m.standardSku, note, w.at);
  w.audit({ entityType: 'sku', entityId: `${m.channel}:${m.platformSku}`, action: before ? 'update' : 'create', changes: [{ field: 'standardSku', before: before?.standard_sku ?? null, after: m.standardSku }] });
  return true;
}
