import { z } from 'zod';
import { TICKET_GROUPS, TICKET_STATUSES, TICKET_TYPES } from '../../contract/logistics-exceptions.js';
import type { Clock } from '../../kernel/clock.js';
import type { MutationQueue } from '../../kernel/mutation.js';
import type { ModuleHandlers } from '../../kernel/registry.js';
import type { TemplateRegistry } from '../../notify/templates.js';
import type { Db } from '../../store/db.js';
import { DEFAULT_TICKET_DUE_MINUTES, readSlaSettings } from '../sla/settings.js';
import { commentTicket, createTicket, listTickets, setTicketGroup, setTicketStatus, ticketDetail } from './tickets.js';

type TicketHandlerNames = 'tickets/list' | 'tickets/detail' | 'tickets/create' | 'tickets/setStatus' | 'tickets/setGroup' | 'tickets/comment';

const id = z.number().int().positive();
const note = z.string().max(2000).optional();

export function ticketHandlers(deps: { db: Db; mutations: MutationQueue; clock: Clock; templates: TemplateRegistry }): ModuleHandlers<TicketHandlerNames> {
  const { db, mutations, clock, templates } = deps;
  const detail = (ticketId: number) => ticketDetail(db, ticketId, clock.now());
  return {
    'tickets/list': {
      permission: 'exceptions.read',
      args: z.object({
        status: z.array(z.enum(TICKET_STATUSES)).max(4).optional(),
        ownerGroup: z.enum(TICKET_GROUPS).optional(),
        type: z.enum(TICKET_TYPES).optional(),
        overdue: z.boolean().optional(),
        orderId: id.optional(),
        parcelId: id.optional(),
        limit: z.number().int().min(1).max(500).optional(),
        offset: z.number().int().min(0).optional(),
      }),
      run: (_ctx, args) => listTickets(db, args, clock.now()),
    },
    'tickets/detail': { permission: 'exceptions.read', args: z.object({ id }), run: (_ctx, args) => detail(args.id) },
    'tickets/create': {
      permission: 'exceptions.work',
      args: z.object({
        type: z.enum(TICKET_TYPES),
        ownerGroup: z.enum(TICKET_GROUPS),
        title: z.string().trim().min(2).max(200),
        orderId: id.optional(),
        parcelId: id.optional(),
        comment: z.string().max(2000).optional(),
        dueMinutes: z.number().int().min(1).max(60 * 24 * 30).optional(),
      }),
      run: async (ctx, args) => {
        const dueMinutes = args.dueMinutes ?? readSlaSettings(db).ticketDueMinutes[args.type] ?? DEFAULT_TICKET_DUE_MINUTES[args.type];
        const ticketId = await mutations.run(ctx.actor, ctx.source, (w) => createTicket(w, templates, { ...args, origin: 'manual', dueMinutes }));
        return detail(ticketId);
      },
    },
    'tickets/setStatus': {
      permission: 'exceptions.work',
      args: z.object({ id, status: z.enum(TICKET_STATUSES), note }),
      run: async (ctx, args) => {
        await mutations.run(ctx.actor, ctx.source, (w) => setTicketStatus(w, args.id, args.status, args.note ?? null));
        return detail(args.id);
      },
    },
    'tickets/setGroup': {
      permission: 'exceptions.work',
      args: z.object({ id, ownerGroup: z.enum(TICKET_GROUPS), note }),
      run: async (ctx, args) => {
        await mutations.run(ctx.actor, ctx.source, (w) => setTicketGroup(w, templates, args.id, args.ownerGroup, args.note ?? null));
        return detail(args.id);
      },
    },
    'tickets/comment': {
      permission: 'exceptions.work',
      args: z.object({ id, body: z.string().trim().min(1).max(2000) }),
      run: async (ctx, args) => {
        await mutations.run(ctx.actor, ctx.source, (w) => commentTicket(w, args.id, args.body));
        return detail(args.id);
      },
    },
  };
}
