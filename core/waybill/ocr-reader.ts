/**
 * The label reader of the re-push flow: core/ocr's recogniseLabel, its answer put in the contract's
 * terms. "barcode+text" counts as barcode (the stronger witness); candidate boxes that did not win are
 * shown as `other` regions so the agent sees what else was read.
 */
import type { LabelRegion } from '../contract/waybill.js';
import { recogniseLabel, type RecogniseOptions } from '../ocr/index.js';
import type { LabelReader } from './reader.js';

export function ocrLabelReader(options: RecogniseOptions = {}): LabelReader {
  return async (bytes) => {
    const started = performance.now();
    const r = await recogniseLabel(bytes, options);
    const source = (s: string | null) => (s === null ? null : s === 'text' ? 'text' : 'barcode');
    return {
      imageWidth: r.image.width,
      imageHeight: r.image.height,
      waybillNo: r.waybillNo,
      carrier: r.carrier,
      confidence: r.confidence,
      source: source(r.source),
      candidates: r.candidates.map((c) => ({ waybillNo: c.waybillNo, carrier: c.carrier, confidence: c.confidence, source: source(c.source)! })),
      receiver: { nameFragment: r.receiver.nameFragment, phoneTail: r.receiver.phoneTail },
      regions: r.regions.map((g): LabelRegion => ({ kind: g.kind === 'candidate-text' ? 'other' : g.kind, box: g.box, text: g.text })),
      ms: Math.round(performance.now() - started),
    };
  };
}
