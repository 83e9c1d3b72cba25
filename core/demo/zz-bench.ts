import { generateDemoOrders } from './index.js';
const now = Date.UTC(2024, 10, 28, 4, 0, 0);
const t = performance.now(); let n = 0;
for (const o of generateDemoOrders({ size: 1_000_000, seed: 1, now })) n += o.lines.length;
const ms = performance.now() - t;
console.log('1M orders', ms.toFixed(0), 'ms', Math.round(1e6 / ms * 1000), 'orders/s', n);
