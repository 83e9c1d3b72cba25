/** One slice of the bench's photo set (bench/ocr-photos.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { generatePhoto, type GeneratedPhoto } from '../test/ocr-labels/generate.js';

const { seed, indices } = workerData as { seed: number; indices: number[] };
const photos: GeneratedPhoto[] = [];
for (const i of indices) photos.push(await generatePhoto({ seed }, i));
parentPort!.postMessage(photos);
