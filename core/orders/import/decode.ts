import iconv from 'iconv-lite';

/** How a CSV file's bytes were turned into text; shown in the import preview. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  encoding: TextEncoding;
  text: string;
}

/**
 * Chinese Excel saves "CSV" in the system code page (GBK) unless the user picks "CSV UTF-8", so both
 * arrive. Strict UTF-8 validation decides: a run of GBK-encoded Chinese is almost never valid UTF-8
 * (every double-byte character would have to happen to form a valid UTF-8 sequence with its
 * neighbours), while pure ASCII is the same in both. GB18030 is decoded rather than GBK because it is a strict superset (rare names such as 䶮).
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { encoding: 'utf-8-bom', text: utf8Strict(bytes.subarray(3)) ?? lenientUtf8(bytes.subarray(3)) };
  }
  // Excel's "Unicode text" export is UTF-16LE with a BOM (usually tab-separated).
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be') };
  const utf8 = utf8Strict(bytes);
  if (utf8 !== null) return { encoding: 'utf-8', text: utf8 };
  return { encoding: 'gb18030', text: iconv.decode(Buffer.from(bytes), 'gb18030') };
}

function utf8Strict(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A BOM promises UTF-8; if a few bytes are broken anyway, show U+FFFD rather than guess another code page. */
function lenientUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}
