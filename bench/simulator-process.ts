/**
 * Runs one platform simulator in its own process for the channels bench: the platform's cost of
 * answering is not ours, and on a 2-core machine it should not share the engine's event loop.
 * Usage: node --import tsx bench/simulator-process.ts <channel> <orders> <startMs>; prints "url <url>".
 */
import { startDouyinSimulator } from '../sandbox/douyin/index.js';
import { startPinduoduoSimulator } from '../sandbox/pinduoduo/index.js';
import { startTaobaoSimulator } from '../sandbox/taobao/index.js';

const [channel, orders, start] = process.argv.slice(2);
const common = { seed: 3, orders: Number(orders), start: Number(start), spanMs: 86_400_000 * 0.9 };
const sim =
  channel === 'taobao'
    ? await startTaobaoSimulator({ ...common, apps: { app: { secret: 'secret', sessions: ['token'] } } })
    : channel === 'pinduoduo'
      ? await startPinduoduoSimulator({ ...common, apps: { app: { secret: 'secret', tokens: ['token'] } } })
      : await startDouyinSimulator({ ...common, apps: { app: { secret: 'secret', tokens: ['token'] } } });
process.stdout.write(`url ${sim.url}\n`);
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
