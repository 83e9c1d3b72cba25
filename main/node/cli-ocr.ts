/**
 * `ops ocr <image…> [--json]`: read waybill label photos from the terminal (issue 5). For each file:
 * the chosen waybill number, carrier, confidence, source and the ranked candidates. Exit code 1 only
 * when a file is unusable (unreadable, not an image, truncated, too large); a photo on which nothing
 * valid was read is a result (`waybillNo: null` with an `error`), not a failure.
 */
import { readFile } from 'node:fs/promises';
import { isUnusableInput, recogniseLabel, shutdownSharedOcrPool, type LabelRecognition } from '../../core/ocr/index.js';

export interface OcrCliEntry {
  file: string;
  waybillNo: string | null;
  carrier: string | null;
  confidence: number;
  source: string | null;
  candidates: Array<{ waybillNo: string; carrier: string | null; confidence: number; source: string }>;
  error?: string;
}

export async function ocrCommand(files: readonly string[], json: boolean): Promise<number> {
  const entries: OcrCliEntry[] = [];
  let unusable = false;
  try {
    for (const file of files) {
      const entry = await readOne(file);
      if (entry.unusable) unusable = true;
      entries.push(entry.entry);
      if (!json) process.stdout.write(`${describe(entry.entry)}\n`);
    }
  } finally {
    await shutdownSharedOcrPool(); // the workers are threads: the process exits only once they end
  }
  if (json) process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
  return unusable ? 1 : 0;
}

async function readOne(file: string): Promise<{ entry: OcrCliEntry; unusable: boolean }> {
  const empty = { file, waybillNo: null, carrier: null, confidence: 0, source: null, candidates: [] };
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    return { entry: { ...empty, error: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` }, unusable: true };
  }
  try {
    return { entry: toEntry(file, await recogniseLabel(bytes)), unusable: false };
  } catch (err) {
    if (!isUnusableInput(err)) throw err;
    return { entry: { ...empty, error: (err as Error).message }, unusable: true };
  }
}

function toEntry(file: string, r: LabelRecognition): OcrCliEntry {
  const entry: OcrCliEntry = {
    file,
    waybillNo: r.waybillNo,
    carrier: r.carrier,
    confidence: r.confidence,
    source: r.source,
    candidates: r.candidates.map((c) => ({ waybillNo: c.waybillNo, carrier: c.carrier, confidence: c.confidence, source: c.source })),
  };
  if (r.problem) entry.error = r.problem.message;
  return entry;
}

function describe(e: OcrCliEntry): string {
  const head = e.waybillNo
    ? `${e.file}: ${e.waybillNo}  ${e.carrier ?? '?'}  confidence ${e.confidence.toFixed(2)}  (${e.source})`
    : `${e.file}: no waybill number — ${e.error ?? 'nothing read'}`;
  const rows = e.candidates.slice(0, 5).map((c, i) => `  ${i + 1}. ${c.waybillNo.padEnd(20)} ${(c.carrier ?? '-').padEnd(10)} ${c.confidence.toFixed(3)}  ${c.source}`);
  return [head, ...rows].join('\n');
}
