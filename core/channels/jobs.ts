/**
 * The channel jobs: each enabled shop's incremental pull on its own schedule (default every minute),
 * a nightly re-scan of the last 3 days to catch anything a platform indexed late, and the back-fill
 * of a newly added shop. The runner refuses overlapping runs of one shop, whatever triggers them.
 */
import type { Logger } from '../kernel/logger.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { ChannelService } from './service.js';
import { consumeTaobaoMessages } from './tmc-job.js';
import { listShops, writeCursor } from './sync/shops-repo.js';

export const NIGHTLY_RESCAN_CRON = '0 3 * * *';

export function scheduleChannelJobs(service: ChannelService, scheduler: Scheduler): void {
  for (const name of scheduler.names()) if (name.startsWith('channels:')) scheduler.unschedule(name);
  for (const shop of listShops(service.deps.db)) {
    if (!shop.enabled || !service.connector(shop.channel)) continue;
    scheduler.schedule({ name: `channels:incremental:${shop.id}`, cron: shop.settings.incrementalCron, run: () => service.runner.sync(shop, 'modified', 'schedule') });
    if (shop.channel === 'taobao') scheduler.schedule({ name: `channels:tmc:${shop.id}`, cron: '* * * * *', run: () => consumeTaobaoMessages(service, shop) });
  }
  scheduler.schedule({
    name: 'channels:nightly-rescan',
    cron: NIGHTLY_RESCAN_CRON,
    run: async () => {
      for (const shop of listShops(service.deps.db)) if (shop.enabled && service.connector(shop.channel)) await service.runner.sync(shop, 'rescan', 'nightly');
    },
  });
}

/**
 * A new shop: its incremental cursor starts now, and its history (default 30 days, by creation time,
 * within the platform's window limits) is pulled in the background with progress on the shop.
 */
export async function backfillNewShop(service: ChannelService, shopId: string, logger: Logger): Promise<void> {
  const shop = service.shop(shopId);
  if (!shop || !service.connector(shop.channel)) return; // push shops have no history to pull
  const until = service.deps.clock.now() - shop.settings.safetyLagMs;
  await service.deps.mutations.run({ type: 'system', id: 'channels', name: '渠道同步' }, `pull:${shop.channel}:${shop.id}`, (w) => writeCursor(w, shop.id, 'modified', until));
  const outcome = await service.runner.sync(shop, 'backfill', 'added', { from: until - shop.settings.backfillDays * 86_400_000 });
  logger.info(`Back-fill of ${shop.id}: ${outcome.status}`, outcome.status === 'skipped' ? { reason: outcome.reason } : { inserted: outcome.run.inserted });
}
