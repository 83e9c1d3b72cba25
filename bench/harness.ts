/**
 * Benchmark harness: each bench reports figures beside a baseline measured in the same run, so a
 * slower machine moves both. `--json` prints one object per line for run-to-run comparison.
 */
export interface Figure {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  goal: string | null;
  met: boolean | null;
}

export interface BenchContext {
  smoke: boolean;
  log(message: string): void;
}

export interface Bench {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

export function figure(bench: string, metric: string, value: number, unit: string, extra: Partial<Pick<Figure, 'baseline' | 'goal' | 'met'>> & { ratio?: number | null } = {}): Figure {
  const baseline = extra.baseline ?? null;
  const ratio = extra.ratio !== undefined ? extra.ratio : baseline ? value / baseline : null;
  return { bench, metric, value: round(value), unit, baseline: baseline === null ? null : round(baseline), ratio: ratio === null ? null : round(ratio), goal: extra.goal ?? null, met: extra.met ?? null };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Milliseconds taken by `fn`, measured with the high-resolution clock. */
export function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function formatFigure(f: Figure): string {
  const base = f.baseline === null ? '' : `  baseline ${f.baseline} ${f.unit}`;
  const ratio = f.ratio === null ? '' : `  ratio ${f.ratio}`;
  const verdict = f.met === null ? '(not judged)' : f.met ? '✓ met' : '✗ not met';
  const goal = f.goal === null ? '' : `  goal ${f.goal} ${verdict}`;
  return `${f.bench.padEnd(12)} ${f.metric.padEnd(34)} ${String(f.value).padStart(12)} ${f.unit}${base}${ratio}${goal}`;
}
