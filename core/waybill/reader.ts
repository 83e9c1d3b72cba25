/**
 * How the flow reads a label: a function from the photo's bytes to a reading (core/ocr provides it;
 * the composition root wires it). Errors for unusable images are thrown as validation failures.
 */
import type { LabelReading } from '../contract/waybill.js';

export type LabelReader = (bytes: Buffer) => Promise<Omit<LabelReading, 'photoId'>>;
