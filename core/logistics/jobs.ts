/** The logistics job: each minute, new shipments become parcels and due parcels are polled. */
import type { Scheduler } from '../scheduler/scheduler.js';
import type { LogisticsService } from './service.js';

export const LOGISTICS_TICK_CRON = '* * * * *';

export function scheduleLogisticsJobs(service: LogisticsService, scheduler: Scheduler): void {
  scheduler.schedule({ name: 'logistics:track', cron: LOGISTICS_TICK_CRON, run: () => service.tick() });
}
