/**
 * The bench's photo set, generated before anything is timed, in two worker threads (photo i depends
 * only on the seed and i), which halves the 40 s a single thread needs for 200 photos.
 */
import { Worker } from 'node:worker_threads';
import type { GeneratedPhoto } from '../test/ocr-labels/generate.js';

export async function generatePhotoSet(seed: number, count: number, threads = 2): Promise<GeneratedPhoto[]> {
  const slices = Array.from({ length: threads }, (_, t) => Array.from({ length: count }, (_, i) => i).filter((i) => i % threads === t));
  const parts = await Promise.all(slices.map((indices) => new Promise<GeneratedPhoto[]>((resolve, reject) => {
    const worker = new Worker(new URL('./ocr-photos-worker.mjs', import.meta.url), { workerData: { seed, indices } });
    worker.once('message', (photos: GeneratedPhoto[]) => resolve(photos.map((p) => ({ ...p, bytes: Buffer.from(p.bytes) }))));
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`photo worker exited with ${code}`))));
  })));
  return parts.flat().sort((a, b) => a.name.localeCompare(b.name));
}
