/**
 * `--demo` (issue 3): the store is filled the way a merchant's would be. The three platform simulators
 * run in this process on loopback; one demo shop per channel is added through the real
 * `channels/addShop` handler (credentials into the secrets module), the platform shops back-fill
 * through the real connectors, and the WeChat / POS backends push through the real, signed
 * /hooks/<channel> path. While the host runs, the stories keep happening: the scheduled pulls, Taobao
 * TMC, Douyin pushes and the merchants' pushes bring them in. `flow: false` keeps a still picture.
 */
import type { Actor } from '../../../core/contract/actors.js';
import type { CoreApi, HandlerName } from '../../../core/contract/api.js';
import { CHANNELS, type Channel } from '../../../core/contract/orders.js';
import type { Core } from '../../../core/kernel/core-types.js';
import type { MerchantBackend, MerchantPushReport, PushSender } from '../../../sandbox/merchant/index.js';
import { anchorPlan } from './anchor.js';
import { type DemoPlan, type DemoRequest, resolvePlan } from './plan.js';
import { DEMO_NOTIFY, startDemoSimulators, type DemoSimulators } from './sandbox.js';
import { demoShops } from './shops.js';

export { DEFAULT_DEMO_ORDERS, DEFAULT_DEMO_SEED, DEFAULT_FLOW, type DemoPlan, type DemoRequest, type FlowSettings } from './plan.js';

const DEMO_ACTOR: Actor = { type: 'system', id: 'demo', name: '演示数据' };
const BACKFILL_TIMEOUT_MS = 10 * 60_000;

/** How the merchant backends and Douyin reach the engine on this host. */
export interface DemoTransport {
  /** Signed merchant pushes: HTTP to the console's /hooks/<channel>, or core.receivePush where there is no listener. */
  send: PushSender;
  /** The console's /hooks/douyin; absent on the desktop host, which partners cannot reach (it polls). */
  douyinHookUrl?: string;
}

export interface FlowReport {
  douyinMessages: number;
  merchantOrders: number;
  refused: number;
}

export interface DemoSummary {
  seed: number;
  plannedOrders: number;
  /** Orders in the store per channel once the back-fill and first pushes are done. */
  ordersByChannel: Record<Channel, number>;
  total: number;
  startupMs: number;
  flow: DemoPlan['flow'];
  /** Requested settings the data folder overrode (its demo was made with others). */
  ignored: string[];
}

export interface PreparedDemo {
  plan: DemoPlan;
  /** null when the demo has no orders (operators only). */
  simulators: DemoSimulators | null;
  /** The engine's `partners` option (the platform gateways and the Kuaidi100 tracking partner are the simulators). */
  partners: { gateways: Record<string, string>; timeoutMs: number; logistics: Record<string, unknown> } | undefined;
  /** Adds the shops (first start), waits for their back-fill, pushes the merchants' orders, starts the flow. */
  fill(core: Core, transport: DemoTransport): Promise<RunningDemo>;
  close(): Promise<void>;
}

export interface RunningDemo {
  summary: DemoSummary;
  /** One round of the push paths (what the flow timer runs); tests with an injected clock call it. */
  tick(): Promise<FlowReport>;
  /** Stops the flow timer, waits for a round in progress, closes the simulators. */
  close(): Promise<void>;
}

/**
 * Where the host has no HTTP listener (the desktop app): the merchant's signed request goes to the
 * same receiver function /hooks/<channel> calls, signature check included.
 */
export function receiverSender(core: Pick<Core, 'receivePush'>): PushSender {
  return ({ path, headers, body }) => core.receivePush(path.slice('/hooks/'.length), { headers: { ...headers }, body: Buffer.from(body, 'utf8') });
}

async function call<K extends HandlerName>(core: Core, name: K, args: CoreApi[K]['args']): Promise<CoreApi[K]['result']> {
  const result = await core.invoke({ trusted: DEMO_ACTOR }, name, args);
  if ('error' in result) throw new Error(`Demo: ${name} failed: ${result.error.message}`);
  return result.data;
}

/** Before the engine: the plan (remembered by the data folder) and the simulators its gateways point at. */
export async function prepareDemo(dataDir: string, request: DemoRequest, now: () => number): Promise<PreparedDemo> {
  const startedAt = now();
  const { plan, ignored } = anchorPlan(dataDir, resolvePlan(request, startedAt));
  const simulators = plan.orders > 0 ? await startDemoSimulators(plan, now) : null;
  let running: RunningDemo | null = null;
  return {
    plan,
    simulators,
    partners: simulators?.partners,
    async fill(core, transport) {
      if (!simulators) {
        running = { summary: { seed: plan.seed, plannedOrders: 0, ordersByChannel: await countByChannel(core), total: 0, startupMs: now() - startedAt, flow: plan.flow, ignored }, tick: async () => ({ douyinMessages: 0, merchantOrders: 0, refused: 0 }), close: async () => undefined };
        return running;
      }
      const merchants = simulators.merchants(transport.send);
      await addShopsAndBackfill(core, plan);
      await addNotifyTargets(core, simulators);
      const first = await Promise.all(merchants.map((m) => m.pushCurrent()));
      const refused = first.flatMap((r) => r.refused);
      if (refused.length > 0) throw new Error(`Demo: the engine refused a merchant push: ${JSON.stringify(refused[0]).slice(0, 300)}`);
      const ordersByChannel = await countByChannel(core);
      const summary: DemoSummary = { seed: plan.seed, plannedOrders: plan.orders, ordersByChannel, total: Object.values(ordersByChannel).reduce((a, b) => a + b, 0), startupMs: now() - startedAt, flow: plan.flow, ignored };
      running = startFlow(plan, simulators, merchants, transport, summary);
      return running;
    },
    async close() {
      if (running) await running.close();
      else await simulators?.close();
    },
  };
}

async function countByChannel(core: Core): Promise<Record<Channel, number>> {
  const out = {} as Record<Channel, number>;
  for (const channel of CHANNELS) out[channel] = (await call(core, 'orders/count', { filters: { channel: { kind: 'set', values: [channel] } } })).total;
  return out;
}

async function addShopsAndBackfill(core: Core, plan: DemoPlan): Promise<void> {
  const existing = new Set((await call(core, 'channels/shops', {})).map((s) => s.id));
  const added: string[] = [];
  for (const shop of Object.values(demoShops(plan.seed))) {
    if (existing.has(shop.id)) continue; // a restarted demo keeps its shops; the pulls catch up
    await call(core, 'channels/addShop', { id: shop.id, channel: shop.channel, name: shop.name, credentials: shop.credentials });
    if (shop.channel !== 'wechat' && shop.channel !== 'pos') added.push(shop.id);
  }
  // The back-fill runs in the background (core/channels/jobs.ts); the demo is ready when it is done.
  const deadline = Date.now() + BACKFILL_TIMEOUT_MS;
  for (const shopId of added) {
    for (;;) {
      const runs = await call(core, 'channels/runs', { shopId, limit: 20 });
      const backfill = runs.find((r) => r.kind === 'backfill' && r.status !== 'running');
      if (backfill?.status === 'failed') throw new Error(`Demo: the back-fill of ${shopId} failed: ${backfill.errorMessage ?? 'see its sync history'}`);
      if (backfill) break;
      if (Date.now() > deadline) throw new Error(`Demo: the back-fill of ${shopId} did not finish within ${BACKFILL_TIMEOUT_MS / 60_000} minutes.`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * The warehouse robot and the SMS gateway the SLA rules notify (their default target ids), pointed at
 * the demo's receivers through the real notify/setTarget (credentials into the secrets module). Set on
 * every start: the receivers listen on new ports each time.
 */
async function addNotifyTargets(core: Core, simulators: DemoSimulators): Promise<void> {
  const { notify } = simulators;
  const sms = DEMO_NOTIFY.sms;
  await call(core, 'notify/setTarget', { id: 'wecom-warehouse', channel: 'wecom', name: '仓库群（演示）', settings: { format: 'markdown' }, credentials: { webhookUrl: notify.wecomUrl(DEMO_NOTIFY.wecomKey) } });
  const templateCodes = Object.fromEntries(Object.entries(sms.templates).map(([name, t]) => [name, t.code]));
  await call(core, 'notify/setTarget', { id: 'sms', channel: 'sms', name: '阿里云短信（演示）', settings: { endpoint: notify.smsEndpoint, signName: sms.signName, templateCodes }, credentials: { accessKeyId: sms.accessKeyId, accessKeySecret: sms.accessKeySecret } });
}

function startFlow(plan: DemoPlan, simulators: DemoSimulators, merchants: MerchantBackend[], transport: DemoTransport, summary: DemoSummary): RunningDemo {
  let inFlight: Promise<FlowReport> | null = null;
  let closed = false;
  const round = async (): Promise<FlowReport> => {
    const report: FlowReport = { douyinMessages: 0, merchantOrders: 0, refused: 0 };
    if (transport.douyinHookUrl) report.douyinMessages = (await simulators.douyin.pushTo(transport.douyinHookUrl)).records;
    const pushed: MerchantPushReport[] = [];
    for (const m of merchants) pushed.push(await m.pushDue());
    report.merchantOrders = pushed.reduce((s, r) => s + r.orders, 0);
    report.refused = pushed.reduce((s, r) => s + r.refused.length, 0);
    return report;
  };
  const tick = () => {
    if (closed) return Promise.resolve({ douyinMessages: 0, merchantOrders: 0, refused: 0 });
    // One round at a time: a slow round is not overtaken by the next timer.
    if (!inFlight) inFlight = round().finally(() => (inFlight = null));
    return inFlight;
  };
  const timer = plan.flow ? setInterval(() => void tick().catch(() => undefined), plan.flow.pushEveryMs) : null;
  timer?.unref();
  return {
    summary,
    tick,
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      await inFlight?.catch(() => undefined);
      await simulators.close();
    },
  };
}

export function demoNotice(summary: DemoSummary): string {
  const by = Object.entries(summary.ordersByChannel).map(([c, n]) => `${c} ${n}`).join(', ');
  const flow = summary.flow ? `new orders keep arriving (~${summary.flow.ordersPerMinute}/min; --no-flow for a still picture)` : 'still picture (--no-flow)';
  const ignored = summary.ignored.length > 0 ? ` This data folder already holds a demo: ignored ${summary.ignored.join(', ')}.` : '';
  return `Demo mode: ${summary.total} orders (${by}) from the sandbox simulators through the connectors and pushes, seed ${summary.seed}, ready in ${(summary.startupMs / 1000).toFixed(1)} s; ${flow}.${ignored}`;
}
