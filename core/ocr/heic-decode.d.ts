// heic-decode ships no types; this is the part of its API that core/ocr/image-input.ts uses.
declare module 'heic-decode' {
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
  interface DecodeModule {
    (input: { buffer: Uint8Array | ArrayBuffer }): Promise<DecodedHeic>;
    /** Sizes first, pixels on demand: lets a caller refuse a huge image before decoding it. */
    all(input: { buffer: Uint8Array | ArrayBuffer }): Promise<HeicImageHandle[] & { dispose(): void }>;
  }
  const decode: DecodeModule;
  export default decode;
}
