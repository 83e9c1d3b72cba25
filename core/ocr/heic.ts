/**
 * iPhone HEIC through heic-decode (libheif compiled to wasm; sharp's prebuilt libvips decodes AVIF but
 * not HEVC). heic-decode is CommonJS without types: it is loaded with require and given the type of
 * the part used here. `all` reports sizes before decoding, so a huge picture is refused first.
 */
import { createRequire } from 'node:module';

interface DecodedHeic {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

interface HeicImageHandle {
  width: number;
  height: number;
  decode(): Promise<DecodedHeic>;
}

interface HeicDecode {
  all(input: { buffer: Uint8Array }): Promise<HeicImageHandle[] & { dispose(): void }>;
}

export const decodeHeic = createRequire(import.meta.url)('heic-decode') as HeicDecode;
