/** Import from CSV/XLSX (preview first, idempotent apply) and export of the whole filtered set. */
import type { ImportPreview, OrderInput } from '../contract/orders.js';
import type { Clock } from '../kernel/clock.js';
import { fail } from '../kernel/errors.js';
import type { MutationQueue, WriteContext } from '../kernel/mutation.js';
import type { HandlerContext, ModuleHandlers } from '../kernel/registry.js';
import type { Db } from '../store/db.js';
import { exportOrders } from './export-orders.js';
import { parseOrderFile } from './import/index.js';
import { ingestOrder } from './ingest.js';
import { fileArgsSchema, orderQuerySchema } from './schemas.js';
import { z } from 'zod';
import { orderInputSchema } from './validate-input.js';

type FileHandlers = 'orders/export' | 'orders/importPreview' | 'orders/import';
type FileArgs = z.infer<typeof fileArgsSchema>;

const MAX_FILE_BYTES = 50 * 1024 * 1024;

async function readFile(args: FileArgs) {
  const bytes = Buffer.from(args.base64, 'base64');
  if (bytes.length === 0) throw fail.validation('The file is empty.', { file: 'empty' });
  if (bytes.length > MAX_FILE_BYTES) throw fail.validation(`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`, { file: 'too large' });
  const parsed = await parseOrderFile(new Uint8Array(bytes), args.fileName, { ...(args.channel ? { channel: args.channel } : {}), ...(args.shopId ? { shopId: args.shopId } : {}) });
  // The parser's output still passes the same gate as every other source.
  const orders: OrderInput[] = [];
  const errors = [...parsed.errors];
  for (const order of parsed.orders) {
    const check = orderInputSchema.safeParse(order);
    if (check.success) orders.push(order);
    else errors.push({ row: 0, message: `Order ${order.platformOrderId}: ${check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
  }
  return { ...parsed, orders, errors };
}

function tally(w: WriteContext, orders: OrderInput[]) {
  const counts = { inserted: 0, updated: 0, unchanged: 0, stale: 0 };
  for (const order of orders) counts[ingestOrder(w, order).kind]++;
  return counts;
}

function preview(db: Db, args: FileArgs, parsed: Awaited<ReturnType<typeof readFile>>, counts: ReturnType<typeof tally>): ImportPreview {
  const alreadyImported = db.prepare('SELECT 1 FROM import_batches WHERE file_sha256 = ? LIMIT 1').get(parsed.fileSha256) !== undefined;
  return {
    fileName: args.fileName,
    fileSha256: parsed.fileSha256,
    encoding: parsed.encoding,
    rowsRead: parsed.rowsRead,
    ordersRead: parsed.orders.length,
    newOrders: counts.inserted,
    changedOrders: counts.updated,
    unchangedOrders: counts.unchanged + counts.stale,
    errors: parsed.errors,
    warnings: parsed.warnings,
    alreadyImported,
    sample: parsed.orders.slice(0, 20).map((o) => ({ platformOrderId: o.platformOrderId, status: o.status, paidFen: o.amounts.paidFen, receiverName: o.receiver.name })),
  };
}

export function fileHandlers(db: Db, mutations: MutationQueue, clock: Clock): ModuleHandlers<FileHandlers> {
  const importSource = (ctx: HandlerContext) => `import:${ctx.source}`;
  return {
    'orders/importPreview': {
      permission: 'orders.import',
      args: fileArgsSchema,
      run: async (ctx, args) => {
        const parsed = await readFile(args);
        // A dry run through the real ingestion path, rolled back: the preview counts exactly what apply will do.
        const counts = await mutations.simulate(ctx.actor, importSource(ctx), (w) => tally(w, parsed.orders));
        return preview(db, args, parsed, counts);
      },
    },
    'orders/import': {
      permission: 'orders.import',
      args: fileArgsSchema,
      run: async (ctx, args) => {
        const parsed = await readFile(args);
        const counts = await mutations.run(ctx.actor, importSource(ctx), (w) => {
          const c = tally(w, parsed.orders);
          const info = w.db
            .prepare('INSERT INTO import_batches (file_sha256, file_name, imported_at, operator, inserted, updated, skipped, errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
            .run(parsed.fileSha256, args.fileName, w.at, ctx.actor.name, c.inserted, c.updated, c.unchanged + c.stale, parsed.errors.length);
          w.audit({
            entityType: 'import',
            entityId: Number(info.lastInsertRowid),
            action: 'import-orders',
            changes: [{ field: 'file', before: null, after: { name: args.fileName, sha256: parsed.fileSha256, inserted: c.inserted, updated: c.updated, errors: parsed.errors.length } }],
          });
          return c;
        });
        return { ...preview(db, args, parsed, counts), inserted: counts.inserted, updated: counts.updated, skipped: counts.unchanged + counts.stale };
      },
    },
    'orders/export': {
      permission: 'orders.export',
      args: orderQuerySchema.extend({ format: z.enum(['csv', 'xlsx']), columns: z.array(z.string()).optional() }),
      run: async (ctx, args) => {
        const file = await exportOrders(db, args, args.format, args.columns, clock.now());
        await mutations.run(ctx.actor, ctx.source, (w) => {
          w.audit({ entityType: 'export', entityId: file.fileName, action: 'export-orders', changes: [{ field: 'rows', before: null, after: file.rows }], reason: JSON.stringify({ filters: args.filters ?? {}, search: args.search ?? '' }) });
        });
        return { fileName: file.fileName, mimeType: file.mimeType, base64: file.bytes.toString('base64'), rows: file.rows };
      },
    },
  };
}
