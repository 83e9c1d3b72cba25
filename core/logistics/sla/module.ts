/**
 * The SLA rules and exception tickets as one module for the composition root: handlers, the
 * every-minute evaluation and the site-message delivery job (both only when the host schedules jobs).
 */
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/logger.js';
import type { MutationQueue } from '../../kernel/mutation.js';
import type { HandlerRegistry } from '../../kernel/registry.js';
import type { TemplateRegistry } from '../../notify/templates.js';
import type { Scheduler } from '../../scheduler/scheduler.js';
import type { SecretStore } from '../../secrets/secrets.js';
import type { Db } from '../../store/db.js';
import { ticketHandlers } from '../tickets/handlers.js';
import { slaHandlers } from './handlers.js';
import { scheduleSlaJobs } from './jobs.js';
import { SiteMessageSender } from './site-messages.js';

export interface LogisticsExceptionsDeps {
  db: Db;
  mutations: MutationQueue;
  clock: Clock;
  secrets: SecretStore;
  templates: TemplateRegistry;
  logger: Logger;
}

export function registerLogisticsExceptions(registry: HandlerRegistry, deps: LogisticsExceptionsDeps, scheduler: Scheduler | null): { siteMessages: SiteMessageSender } {
  const slaDeps = { db: deps.db, mutations: deps.mutations, clock: deps.clock, templates: deps.templates };
  registry.register(slaHandlers({ ...slaDeps, secrets: deps.secrets }));
  registry.register(ticketHandlers(slaDeps));
  const siteMessages = new SiteMessageSender({ db: deps.db, mutations: deps.mutations, clock: deps.clock, secrets: deps.secrets, logger: deps.logger });
  if (scheduler) scheduleSlaJobs(scheduler, slaDeps, siteMessages, deps.logger);
  return { siteMessages };
}
