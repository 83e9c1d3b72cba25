/**
 * Why a photo could not be read, as data (core/kernel/errors.ts): the re-push flow shows the message
 * and writes nothing. `reason` lets a UI or the CLI choose wording and exit codes without parsing text.
 */
import { CoreFailure } from '../kernel/errors.js';

export type OcrFailureReason =
  /** Bytes are not JPEG, PNG, WebP or HEIC (or could not be decoded at all). */
  | 'not-an-image'
  /** The file starts like an image but ends early (an interrupted upload or copy). */
  | 'truncated'
  /** More bytes than `limits.maxInputBytes`. */
  | 'too-large'
  /** More pixels than `limits.maxPixels`: a decompression bomb or a scan far beyond a phone photo. */
  | 'too-many-pixels'
  /** An image, but nothing on it reads as a waybill number. */
  | 'no-label';

export class OcrInputError extends CoreFailure {
  constructor(
    readonly reason: OcrFailureReason,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super('ValidationError', message, { reason, ...details });
    this.name = 'OcrInputError';
  }
}

/** Unusable input (the CLI exits non-zero) as opposed to an image on which nothing valid was read. */
export function isUnusableInput(err: unknown): boolean {
  return err instanceof OcrInputError && err.reason !== 'no-label';
}
