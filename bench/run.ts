/**
 * `npm run bench [-- --json] [-- --smoke] [NAME…]`: runs the benchmarks (all by default).
 * --smoke runs each at a tiny size to prove it still works; no figure is judged then.
 */
import { formatFigure, type Bench } from './harness.js';
import { channelsBench } from './channels.bench.js';
import { ingestBench } from './ingest.bench.js';
import { ocrBench } from './ocr.js';
import { ordersListBench } from './orders-list.bench.js';
import { slaBench } from './sla.js';
import { trackingBench } from './tracking.js';

const BENCHES: Bench[] = [ingestBench, ordersListBench, channelsBench, slaBench, trackingBench, ocrBench];

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const smoke = argv.includes('--smoke');
  const names = argv.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !BENCHES.some((b) => b.name === n));
  if (unknown.length) {
    process.stderr.write(`Unknown bench: ${unknown.join(', ')}. Known: ${BENCHES.map((b) => b.name).join(', ')}\n`);
    return 2;
  }
  const chosen = names.length ? BENCHES.filter((b) => names.includes(b.name)) : BENCHES;
  const log = (message: string) => {
    if (!json) process.stdout.write(`  · ${message}\n`);
    else process.stderr.write(`  · ${message}\n`);
  };
  for (const bench of chosen) {
    if (!json) process.stdout.write(`\n${bench.name}: ${bench.description}${smoke ? ' (smoke size)' : ''}\n`);
    const figures = await bench.run({ smoke, log });
    for (const f of figures) {
      const shown = smoke ? { ...f, met: null, goal: f.goal } : f;
      process.stdout.write(json ? `${JSON.stringify(shown)}\n` : `${formatFigure(shown)}\n`);
    }
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
