/**
 * The one composition root (architecture.md): both hosts call createCore and hand its invoke and
 * event stream to their transport.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreEventMessage, HandlerName } from './contract/api.js';
import { anchorPath, writeAnchor } from './audit/anchor.js';
import { auditHandlers } from './audit/handlers.js';
import { Authenticator } from './auth/login.js';
import { ensureDemoOperators, ensureFirstAdmin } from './auth/bootstrap.js';
import { authHandlers } from './auth/handlers.js';
import { systemClock } from './kernel/clock.js';
import type { Caller, Core, CoreOptions } from './kernel/core-types.js';
import { dispatch } from './kernel/engine.js';
import { silentLogger } from './kernel/logger.js';
import { MutationQueue } from './kernel/mutation.js';
import { HandlerRegistry } from './kernel/registry.js';
import { createConnectors } from './channels/connectors.js';
import { readPartners } from './channels/gateways.js';
import { channelsHandlers } from './channels/handlers.js';
import { mappingHandlers } from './channels/mapping/handlers.js';
import { backfillNewShop, scheduleChannelJobs } from './channels/jobs.js';
import { PushReceiver } from './channels/push-receiver.js';
import { ChannelService } from './channels/service.js';
import { Scheduler } from './scheduler/scheduler.js';
import { fileHandlers } from './orders/file-handlers.js';
import { ordersHandlers } from './orders/handlers.js';
import { seedDemo } from './orders/demo-seed.js';
import { logisticsPartnerHandlers } from './logistics/partner-handlers.js';
import { CarrierApiSettings } from './logistics/partner-settings.js';
import { logisticsHandlers } from './logistics/handlers.js';
import { scheduleLogisticsJobs } from './logistics/jobs.js';
import { LogisticsService } from './logistics/service.js';
import { findShop } from './channels/sync/shops-repo.js';
import { RepushService } from './waybill/flow.js';
import { waybillHandlers } from './waybill/handlers.js';
import { registerLogisticsExceptions } from './logistics/sla/module.js';
import { notifyHandlers } from './notify/handlers.js';
import { NotifyService } from './notify/service.js';
import { skuHandlers } from './orders/sku-handlers.js';
import { loadOrCreateDataKey, SecretStore } from './secrets/secrets.js';
import { backupTo } from './store/backup.js';
import { openDatabase } from './store/db.js';
import { migrate } from './store/migrate.js';
import { engineHealth, systemHandlers } from './system/handlers.js';

export type { Core, CoreOptions, Caller } from './kernel/core-types.js';

export const DB_FILE = 'orderhub.sqlite';

export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const host = options.host ?? 'console';
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const dbFile = join(options.dataDir, DB_FILE);
  const db = openDatabase({ file: dbFile, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  const { version: schemaVersion } = migrate(db);
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const anchorFile = anchorPath(options.dataDir);
  const mutations = new MutationQueue(db, clock, {
    afterCommit: (head) => writeAnchor(anchorFile, { count: head.seq, headHash: head.hash, at: clock.now() }),
    publish: (event: CoreEventMessage) => events.emit('event', event),
  });
  const secrets = new SecretStore(db, loadOrCreateDataKey(options.dataDir));
  const auth = new Authenticator(db, clock, mutations, (ms) => new Promise((r) => setTimeout(r, ms)));
  const startedAt = clock.now();
  const demo = options.demo ? options.demo : null;
  const health = () => engineHealth(db, dbFile, clock, startedAt, schemaVersion, demo !== null);

  const registry = new HandlerRegistry();
  registry.register(authHandlers(db, mutations));
  registry.register(ordersHandlers(db, mutations));
  registry.register(fileHandlers(db, mutations, clock));
  registry.register(skuHandlers(db, mutations));
  registry.register(auditHandlers(db, options.dataDir));
  registry.register(systemHandlers(health));

  const channels = new ChannelService({
    db,
    mutations,
    clock,
    secrets,
    partners: readPartners(options.partners),
    connectors: createConnectors(),
    onProgress: (progress) => events.emit('event', { name: 'channels/progress', payload: progress }),
    onFinished: (run) => events.emit('event', { name: 'channels/syncFinished', payload: run }),
  });
  const scheduler = new Scheduler((job, err) => logger.error(`Job ${job} failed`, { error: err instanceof Error ? err.message : String(err) }));
  const reschedule = () => {
    if (options.schedule) scheduleChannelJobs(channels, scheduler);
  };
  registry.register(
    channelsHandlers(channels, {
      added: (shopId) => {
        reschedule();
        void backfillNewShop(channels, shopId, logger).catch((err: unknown) => logger.error(`Back-fill of ${shopId} failed`, { error: String(err) }));
      },
      changed: reschedule,
    }),
  );
  registry.register(mappingHandlers(channels));
  reschedule();
  const pushes = new PushReceiver(channels);
  // Logistics (issue 4): parcels discovered from shipments, carrier pushes at /hooks/<partner>, polling.
  // Carrier API settings saved in the console lie over the start-up `partners.logistics`.
  const carrierApis = new CarrierApiSettings(db, secrets, options.partners);
  const logistics = new LogisticsService({ db, mutations, clock, config: carrierApis.effectiveConfig(), onError: (what, err) => logger.warn(`Logistics ${what} failed`, { error: err instanceof Error ? err.message : String(err) }) });
  registry.register(logisticsHandlers(logistics));
  registry.register(logisticsPartnerHandlers(logistics, carrierApis));
  if (options.schedule) scheduleLogisticsJobs(logistics, scheduler);
  let discovering = false;
  events.on('event', (event: CoreEventMessage) => {
    // New shipments become followed parcels right after the write that brought them.
    if (event.name !== 'orders/changed' || discovering) return;
    discovering = true;
    setImmediate(() => {
      discovering = false;
      if (db.open) void logistics.discover().catch((err: unknown) => logger.warn('Parcel discovery failed', { error: String(err) }));
    });
  });
  let ocrUsed = false;
  // Waybill re-push by photo (issue 5): attach through logistics, write back through the channels.
  const repush = new RepushService({
    db,
    mutations,
    clock: { now: () => clock.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)), random: Math.random },
    // OCR (sharp, zxing-wasm, tesseract.js) loads on the first photo, not at start-up.
    readLabel: async (bytes) => {
      ocrUsed = true;
      return (await import('./waybill/ocr-reader.js')).ocrLabelReader()(bytes);
    },
    track: async (actor, source, parcelId) => (await logistics.track(actor, source, { parcelId }))[0] ?? null,
    shopContext: (shopId) => {
      const shop = findShop(db, shopId);
      if (!shop) return null;
      try {
        return channels.storedContext(shop);
      } catch {
        return null; // no stored credentials: nothing can be written back
      }
    },
  });
  registry.register(waybillHandlers(repush));
  const notify = new NotifyService({ db, mutations, clock, secrets, logger, ...(options.notify ? { worker: options.notify } : {}) });
  registry.register(notifyHandlers(notify));
  // The outbox worker polls on an interval, not a cron minute: a robot alarm should leave within seconds.
  if (options.schedule) notify.worker.start(options.notify?.pollMs ?? 2_000);
  // SLA rules (every minute) and exception tickets: rule hits enqueue into notify's outbox.
  registerLogisticsExceptions(registry, { db, mutations, clock, secrets, templates: notify.templates, logger }, options.schedule ? scheduler : null);

  // Demo operators first: a fresh demo folder then has admin/demo-admin, not a one-time password.
  const startupNotices = demo ? ensureDemoOperators(mutations) : [];
  startupNotices.push(...ensureFirstAdmin(mutations));
  if (demo && typeof demo === 'object') {
    const seeded = seedDemo(db, mutations, { ...demo, now: clock.now() });
    if (seeded > 0) startupNotices.push(`Demo mode: seeded ${seeded} orders (seed ${demo.seed}).`);
  }
  for (const notice of startupNotices) logger.info(notice);

  const handlerNames = registry.names();
  const invokeUnknown = (caller: Caller, name: string, args: unknown) => dispatch(registry, auth, logger, host, caller, name, args);
  let closed = false;
  return {
    dataDir: options.dataDir,
    handlerNames,
    startupNotices,
    invoke: (caller, name, args) => invokeUnknown(caller, name as HandlerName, args) as never,
    invokeUnknown,
    login: (username, password, meta) => auth.login(username, password, { host: meta?.host ?? host, ...(meta?.address ? { address: meta.address } : {}) }),
    logout: (token) => auth.logout(token, host),
    onEvent: (listener) => {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    receivePush: (partner, request) => (logistics.push.handles(partner) ? logistics.push.receive(partner, request) : pushes.receive(partner, request)),
    receiveOAuthRedirect: async (channel, query) => {
      if (!query.code || !query.state) return { status: 400, title: '授权未完成', message: '回调缺少 code 或 state (the redirect carries no code or state).' };
      // The state is one-time, bound to the shop and short-lived: it is what authenticates this call.
      const actor = { type: 'system' as const, id: `oauth:${channel.slice(0, 20)}`, name: '平台授权回调' };
      const result = await invokeUnknown({ trusted: actor }, 'channels/exchangeCode', { state: query.state, code: query.code });
      if ('error' in result) return { status: result.error.type === 'ValidationError' || result.error.type === 'NotFound' ? 400 : 502, title: '授权失败', message: result.error.message };
      const shop = result.data as { name: string; channel: string };
      return { status: 200, title: '授权成功', message: `店铺「${shop.name}」已授权，可以关闭此页面 (the shop is authorised; you may close this page).` };
    },
    backup: (destination) => backupTo(db, destination, options.nativeBinding),
    async close() {
      if (closed) return;
      closed = true;
      scheduler.stop();
      await notify.worker.stop();
      // The OCR workers are per process; the last engine to have used them ends them.
      if (ocrUsed) await (await import('./ocr/index.js')).shutdownSharedOcrPool();
      await mutations.run({ type: 'system', id: 'engine', name: '系统' }, host, () => undefined).catch(() => undefined);
      db.close();
    },
  };
}
