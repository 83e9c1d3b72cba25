/**
 * What the waybill re-push journey (issue 5) needs around the console: a Taobao simulator shop whose
 * orders wait for shipment (so the write-back really runs, protocols.md §11), a Kuaidi100 simulator
 * the carrier query really reaches, and label photos from the test generator written to files the
 * browser can upload.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Core } from '../../../core/kernel/core-types.js';
import { startKuaidi100Simulator } from '../../../sandbox/kuaidi100/index.js';
import { photograph } from '../../ocr-labels/distort.js';
import { makeLabel, type LabelTruth } from '../../ocr-labels/label.js';
import { seededRng } from '../../ocr-labels/rng.js';
import { startTaobaoSimulator, type TaobaoSimulator } from '../../../sandbox/taobao/index.js';
import { TAOBAO_APP } from './partners.js';

const DAY_MS = 86_400_000;

export const KUAIDI100 = { customer: 'E2E-REPUSH', key: 'e2e-repush-key', salt: 'e2e-repush-salt' } as const;
export const REPUSH_SHOP = { id: 'tb-repush', name: '淘宝补推测试店' } as const;

export interface RepushPartners {
  taobao: TaobaoSimulator;
  kuaidi100: Awaited<ReturnType<typeof startKuaidi100Simulator>>;
  /** Pass to startTestConsole({ partners }) with `demo: { orders: 0 }` (the demo brings no partners then). */
  partners: Record<string, unknown>;
  stop(): Promise<void>;
}

export async function startRepushPartners(): Promise<RepushPartners> {
  // Trades up to now from the last day and a half: many are still paid and waiting for the warehouse.
  const taobao = await startTaobaoSimulator({
    port: 0,
    seed: 41,
    orders: 300,
    start: Date.now() - 1.5 * DAY_MS,
    spanMs: 1.5 * DAY_MS,
    apps: { [TAOBAO_APP.appKey]: { secret: TAOBAO_APP.appSecret, sessions: [TAOBAO_APP.session] } },
  });
  const kuaidi100 = await startKuaidi100Simulator({ seed: 41, customers: { [KUAIDI100.customer]: KUAIDI100.key }, headStartMs: 6 * 3_600_000 });
  return {
    taobao,
    kuaidi100,
    partners: { gateways: { taobao: taobao.url }, timeoutMs: 10_000, logistics: { kuaidi100: { baseUrl: kuaidi100.url, ...KUAIDI100 } } },
    async stop() {
      await kuaidi100.close();
      await taobao.close();
    },
  };
}

/** Adds the Taobao shop through the engine (the channels journey covers the UI) and waits for its back-fill. */
export async function connectRepushShop(core: Core, admin: { token: string }): Promise<void> {
  const added = await core.invoke(admin, 'channels/addShop', {
    id: REPUSH_SHOP.id,
    channel: 'taobao',
    name: REPUSH_SHOP.name,
    credentials: { appKey: TAOBAO_APP.appKey, appSecret: TAOBAO_APP.appSecret, accessToken: TAOBAO_APP.session },
    settings: { backfillDays: 3 },
  });
  if ('error' in added) throw new Error(added.error.message);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const shops = await core.invoke(admin, 'channels/shops', {});
    if ('error' in shops) throw new Error(shops.error.message);
    const shop = shops.data.find((s) => s.id === REPUSH_SHOP.id);
    if (shop?.lastError) throw new Error(`Back-fill failed: ${shop.lastError.message}`);
    if (shop && shop.state !== 'syncing' && shop.lastSuccessAt) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('The Taobao back-fill did not finish within a minute');
}

/** A clean photo of a generated label with an intact barcode, written to `dir`; its ground truth. */
export async function labelPhotoFile(dir: string, seed: number, carrier = 'SF'): Promise<{ path: string; bytes: Buffer; truth: LabelTruth }> {
  const rng = seededRng(seed);
  const label = await makeLabel(rng, { carrier, barcode: 'intact' });
  const { bytes } = await photograph(label.svg, 'clean', rng);
  const path = join(dir, `label-${carrier}-${seed}.jpg`);
  await writeFile(path, bytes);
  return { path, bytes, truth: label.truth };
}
