/** Input limits: the re-push upload and the CLI share them, and a deployment may tighten them. */
export interface OcrLimits {
  /** Largest accepted file. A 48 MP HEIC from a current phone is about 12 MB; 25 MB leaves room. */
  maxInputBytes: number;
  /**
   * Largest accepted pixel count, checked from the header before decoding (sharp's
   * limitInputPixels), so a small file claiming 100 000 × 100 000 pixels never allocates them.
   * 50 MP covers a 48 MP phone photo.
   */
  maxPixels: number;
  /** Longest side of the image the recogniser works on; photos are scaled down to it, never up. */
  workSide: number;
}

export const DEFAULT_LIMITS: OcrLimits = {
  maxInputBytes: 25 * 1024 * 1024,
  maxPixels: 50_000_000,
  workSide: 1400,
};
