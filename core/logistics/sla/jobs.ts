/**
 * The SLA jobs: rule evaluation every minute (so a deadline reaches its ticket and outbox within one
 * tick) and delivery of the site messages to the merchant's backend.
 */
import type { Logger } from '../../kernel/logger.js';
import type { Scheduler } from '../../scheduler/scheduler.js';
import { evaluateSla, type SlaDeps } from './evaluate.js';
import type { SiteMessageSender } from './site-messages.js';

export const SLA_CRON = '* * * * *';

export function scheduleSlaJobs(scheduler: Scheduler, deps: SlaDeps, sender: SiteMessageSender, logger: Logger): void {
  scheduler.schedule({
    name: 'logistics:sla',
    cron: SLA_CRON,
    run: async () => {
      const summary = await evaluateSla(deps);
      if (summary.fired.firstScan + summary.fired.stall + summary.cleared > 0) logger.info('SLA rules evaluated', { ...summary });
    },
  });
  scheduler.schedule({ name: 'logistics:site-messages', cron: SLA_CRON, run: () => sender.runOnce() });
}
