/** Saved grid views, per operator. */
import type { SavedView } from '../contract/orders.js';
import { fail } from '../kernel/errors.js';
import type { MutationQueue } from '../kernel/mutation.js';
import type { HandlerContext } from '../kernel/registry.js';
import type { Db } from '../store/db.js';

interface ViewRow {
  id: number;
  name: string;
  state: string;
  updated_at: number;
}

function operatorId(ctx: HandlerContext): number {
  if (!ctx.operator) throw fail.forbidden('Saved views belong to an operator.');
  return ctx.operator.id;
}

const toView = (r: ViewRow): SavedView => ({ id: r.id, name: r.name, state: JSON.parse(r.state), updatedAt: r.updated_at });

export function listViews(db: Db, ctx: HandlerContext, grid: string): SavedView[] {
  return (db.prepare('SELECT id, name, state, updated_at FROM saved_views WHERE operator_id = ? AND grid = ? ORDER BY name').all(operatorId(ctx), grid) as ViewRow[]).map(toView);
}

export async function saveView(db: Db, mutations: MutationQueue, ctx: HandlerContext, args: { grid: string; name: string; state: unknown }): Promise<SavedView> {
  const owner = operatorId(ctx);
  const state = JSON.stringify(args.state ?? null);
  if (state.length > 100_000) throw fail.validation('This view is too large to save.', { state: 'too large' });
  await mutations.run(ctx.actor, ctx.source, (w) => {
    w.db
      .prepare(
        `INSERT INTO saved_views (operator_id, grid, name, state, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (operator_id, grid, name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      )
      .run(owner, args.grid, args.name, state, w.at);
    w.audit({ entityType: 'view', entityId: `${owner}:${args.grid}:${args.name}`, action: 'save' });
  });
  const row = db.prepare('SELECT id, name, state, updated_at FROM saved_views WHERE operator_id = ? AND grid = ? AND name = ?').get(owner, args.grid, args.name) as ViewRow;
  return toView(row);
}

export async function deleteView(db: Db, mutations: MutationQueue, ctx: HandlerContext, id: number): Promise<{ ok: true }> {
  const owner = operatorId(ctx);
  await mutations.run(ctx.actor, ctx.source, (w) => {
    const info = w.db.prepare('DELETE FROM saved_views WHERE id = ? AND operator_id = ?').run(id, owner);
    if (info.changes === 0) throw fail.notFound(`No saved view ${id}.`);
    w.audit({ entityType: 'view', entityId: String(id), action: 'delete' });
  });
  return { ok: true };
}
