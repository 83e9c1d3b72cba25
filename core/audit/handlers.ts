import { z } from 'zod';
import type { AuditHandlers } from '../contract/api.js';
import { fail } from '../kernel/errors.js';
import type { ModuleHandlers } from '../kernel/registry.js';
import type { Db } from '../store/db.js';
import { anchorPath, readAnchor } from './anchor.js';
import { readRawPayload } from './raw-payloads.js';
import { entityTimeline } from './timeline.js';
import { verifyAuditChain } from './verify.js';

export function auditHandlers(db: Db, dataDir: string): ModuleHandlers<keyof AuditHandlers> {
  return {
    'audit/orderTimeline': {
      permission: 'audit.read',
      args: z.object({ orderId: z.number().int().positive(), field: z.string().max(64).optional(), limit: z.number().int().min(1).max(5000).optional() }),
      run: (_ctx, args) => entityTimeline(db, 'order', String(args.orderId), args),
    },
    'audit/rawPayload': {
      permission: 'audit.read',
      args: z.object({ id: z.number().int().positive() }),
      run: (_ctx, args) => {
        const payload = readRawPayload(db, args.id);
        if (!payload) throw fail.notFound(`No raw payload ${args.id}.`);
        return payload;
      },
    },
    'audit/verify': {
      permission: 'audit.verify',
      args: z.object({}).default({}),
      run: () => verifyAuditChain(db, readAnchor(anchorPath(dataDir))),
    },
  };
}
