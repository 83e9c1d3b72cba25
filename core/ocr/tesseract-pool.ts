/**
 * The OCR driver: the one file that imports tesseract.js (style.md principle 8). A small pool of
 * workers per language, sized to the machine (2 cores here), each recycled after `maxJobsPerWorker`
 * jobs because tesseract's wasm heap only grows. Language data comes from the local npm packages
 * (`@tesseract.js-data/*`, the `4.0.0_best_int` LSTM models) and `cacheMethod: 'none'` stops
 * tesseract.js from writing a copy into the working directory: nothing is fetched, nothing written.
 *
 * The worker factory is injectable (style.md principle 9, Joplin's OCR driver) so a packaged app can
 * point at its own resources folder.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';
import type { Box } from './geometry.js';

export type OcrLanguage = 'eng' | 'chi_sim';
/** sparse: scattered text anywhere (a whole label); line: one line (the receiver crop). */
export type OcrLayout = 'sparse' | 'block' | 'line';

export interface OcrWord {
  text: string;
  /** 0..100, tesseract's own. */
  confidence: number;
  box: Box;
}

export interface OcrLine {
  text: string;
  confidence: number;
  box: Box;
  words: OcrWord[];
}

export interface OcrEngine {
  recognise(png: Buffer, lang: OcrLanguage, layout: OcrLayout): Promise<OcrLine[]>;
  shutdown(): Promise<void>;
}

export type TesseractWorkerFactory = (lang: OcrLanguage) => Promise<Tesseract.Worker>;

export interface OcrPoolOptions {
  /** Workers per language. Default: the machine's cores, at most 2 (an OCR job is single-threaded). */
  size?: number;
  maxJobsPerWorker?: number;
  workerFactory?: TesseractWorkerFactory;
}

const PSM: Record<OcrLayout, Tesseract.PSM> = { sparse: '11' as Tesseract.PSM, block: '6' as Tesseract.PSM, line: '7' as Tesseract.PSM };

/** The language model folder inside its npm package (gzip-compressed `<lang>.traineddata.gz`). */
export function localLangPath(lang: OcrLanguage): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), '4.0.0_best_int');
}

export const localWorkerFactory: TesseractWorkerFactory = async (lang) => {
  const worker = await Tesseract.createWorker(lang, Tesseract.OEM.LSTM_ONLY, { langPath: localLangPath(lang), cacheMethod: 'none', gzip: true });
  // A label photo carries no DPI; telling tesseract one stops it guessing (and warning) per job.
  // debug_file: tesseract's diagnostics ("Detected 13 diacritics") go to the wasm file system's
  // /dev/null instead of the host's stdout, where they would garble `ops ocr --json`.
  await worker.setParameters({ user_defined_dpi: '300', debug_file: '/dev/null' });
  return worker;
};

interface PooledWorker {
  worker: Tesseract.Worker;
  jobs: number;
  layout: OcrLayout | null;
}

interface Waiter {
  resolve(w: PooledWorker): void;
  reject(err: Error): void;
}

class LanguagePool {
  private idle: PooledWorker[] = [];
  private live = 0;
  private waiting: Waiter[] = [];
  private closed = false;

  constructor(
    private readonly lang: OcrLanguage,
    private readonly size: number,
    private readonly maxJobs: number,
    private readonly factory: TesseractWorkerFactory,
  ) {}

  async run(png: Buffer, layout: OcrLayout): Promise<OcrLine[]> {
    const pooled = await this.acquire();
    let healthy = true;
    try {
      if (pooled.layout !== layout) {
        await pooled.worker.setParameters({ tessedit_pageseg_mode: PSM[layout] });
        pooled.layout = layout;
      }
      const { data } = await pooled.worker.recognize(png, {}, { text: true, blocks: true });
      return linesOf(data);
    } catch (err) {
      healthy = false;
      throw err;
    } finally {
      pooled.jobs++;
      this.release(pooled, healthy);
    }
  }

  private async acquire(): Promise<PooledWorker> {
    if (this.closed) throw new Error('the OCR pool is shut down');
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.live < this.size) {
      this.live++;
      try {
        return { worker: await this.factory(this.lang), jobs: 0, layout: null };
      } catch (err) {
        this.live--;
        throw err;
      }
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(pooled: PooledWorker, healthy: boolean): void {
    if (this.closed || !healthy || pooled.jobs >= this.maxJobs) {
      this.live--;
      void pooled.worker.terminate().catch(() => undefined);
      const next = this.waiting.shift();
      // A replacement is started only for someone already waiting; otherwise the next job starts one.
      if (next && !this.closed) this.acquire().then(next.resolve, next.reject);
      return;
    }
    const next = this.waiting.shift();
    if (next) next.resolve(pooled);
    else this.idle.push(pooled);
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(new Error('the OCR pool is shut down'));
    const idle = this.idle.splice(0);
    this.live -= idle.length;
    await Promise.all(idle.map((p) => p.worker.terminate().catch(() => undefined)));
  }

  get workers(): number {
    return this.live;
  }
}

export class OcrPool implements OcrEngine {
  private readonly pools = new Map<OcrLanguage, LanguagePool>();
  readonly size: number;
  readonly maxJobsPerWorker: number;
  private readonly factory: TesseractWorkerFactory;

  constructor(opts: OcrPoolOptions = {}) {
    this.size = opts.size ?? Math.max(1, Math.min(2, availableParallelism()));
    // 40 label-sized jobs keep a worker's heap well under 300 MB (measured in bench/ocr.ts runs).
    this.maxJobsPerWorker = opts.maxJobsPerWorker ?? 40;
    this.factory = opts.workerFactory ?? localWorkerFactory;
  }

  recognise(png: Buffer, lang: OcrLanguage, layout: OcrLayout): Promise<OcrLine[]> {
    let pool = this.pools.get(lang);
    if (!pool) {
      pool = new LanguagePool(lang, this.size, this.maxJobsPerWorker, this.factory);
      this.pools.set(lang, pool);
    }
    return pool.run(png, layout);
  }

  /** Live workers per language (for tests of recycling and shutdown). */
  liveWorkers(): Record<string, number> {
    return Object.fromEntries([...this.pools].map(([lang, p]) => [lang, p.workers]));
  }

  async shutdown(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.shutdown()));
  }
}

let shared: OcrPool | null = null;

/** One pool per process: the CLI, the console and the tests share it; `shutdownSharedOcrPool` ends it. */
export function sharedOcrPool(): OcrPool {
  shared ??= new OcrPool();
  return shared;
}

export async function shutdownSharedOcrPool(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.shutdown();
}

function linesOf(page: Tesseract.Page): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const words = line.words.map((w) => ({ text: w.text, confidence: w.confidence, box: bbox(w.bbox) }));
        if (words.length) lines.push({ text: line.text.trim(), confidence: line.confidence, box: bbox(line.bbox), words });
      }
    }
  }
  return lines;
}

function bbox(b: Tesseract.Bbox): Box {
  return { x: b.x0, y: b.y0, width: b.x1 - b.x0, height: b.y1 - b.y0 };
}
