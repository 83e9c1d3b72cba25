/** The OCR module's public face: the re-push flow, the CLI and the bench use only these. */
export { recogniseLabel, type LabelRecognition, type LabelRegion, type RecogniseOptions, type RegionKind } from './recognise.js';
export type { WaybillCandidate, CandidateSource } from './candidates.js';
export type { ReceiverFragments } from './receiver.js';
export type { Box, Point, Quad } from './geometry.js';
export { OcrInputError, isUnusableInput, type OcrFailureReason } from './errors.js';
export { DEFAULT_LIMITS, type OcrLimits } from './limits.js';
export { OcrPool, sharedOcrPool, shutdownSharedOcrPool, type OcrEngine, type OcrPoolOptions, type TesseractWorkerFactory } from './tesseract-pool.js';
