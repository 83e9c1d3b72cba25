/**
 * Platform simulators (sandbox/) for the journeys that connect a shop: real signed HTTP on loopback,
 * deterministic from a seed. The console reaches them through `partners.gateways`.
 */
import { createServer, type AddressInfo } from 'node:net';
import { startTaobaoSimulator, type TaobaoSimulator } from '../../../sandbox/taobao/index.js';

const DAY_MS = 86_400_000;

/**
 * A Pinduoduo gateway on a loopback port nothing listens on (found free, then released): the connection
 * is refused, and the real platform is never called.
 */
export async function unreachableGateway(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/api/router`;
}

/** The TOP app a merchant registered, and the seller session it authorised. */
export const TAOBAO_APP = {
  appKey: '23456789',
  appSecret: 'e2e-taobao-app-secret-7f3a',
  session: '6100e2e0a1b2c3d4e5f6session01',
  /** A second session the seller authorises later (credential renewal). */
  renewedSession: '6100e2e0a1b2c3d4e5f6session02',
  sellerNick: 'e2e旗舰店',
} as const;

export interface TaobaoPartner {
  simulator: TaobaoSimulator;
  /** Pass to startTestConsole({ partners }). */
  partners: { gateways: { taobao: string } };
  /** The seller's session expires on the platform (TOP code 27, session-expired). */
  expireSession(session: string): void;
  /** The seller authorises the app again: a new session the platform accepts. */
  authoriseSession(session: string): void;
  stop(): Promise<void>;
}

export interface TaobaoPartnerOptions {
  orders?: number;
  /** Trades are created over the last `days` days (inside the default 30-day back-fill). */
  days?: number;
  seed?: number;
  /** Per call: keeps a back-fill on screen long enough to watch its progress. */
  latencyMs?: number;
  /** Stories n ≡ k−1 (mod k) show a trade status TOP does not document (sandbox/taobao/trade-book.ts). */
  unknownStatusEvery?: number;
}

export async function startTaobaoPartner({ orders = 40, days = 12, seed = 7, latencyMs = 0, unknownStatusEvery }: TaobaoPartnerOptions = {}): Promise<TaobaoPartner> {
  const sessions: string[] = [TAOBAO_APP.session];
  // The simulator reads these lists on every call, so a test can expire or add a session mid-journey.
  const expiredSessions: string[] = [];
  const simulator = await startTaobaoSimulator({
    port: 0,
    seed,
    orders,
    start: Date.now() - days * DAY_MS,
    spanMs: (days - 1) * DAY_MS,
    apps: { [TAOBAO_APP.appKey]: { secret: TAOBAO_APP.appSecret, sessions } },
    knobs: { expiredSessions, latencyMs, ...(unknownStatusEvery ? { unknownStatusEvery } : {}) },
  });
  return {
    simulator,
    partners: { gateways: { taobao: simulator.url } },
    expireSession: (session) => void expiredSessions.push(session),
    authoriseSession: (session) => void sessions.push(session),
    stop: () => simulator.close(),
  };
}
