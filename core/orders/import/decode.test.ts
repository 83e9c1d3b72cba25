import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from './decode.js';

const text = '订单号,收货人\r\n6919834213451234567,欧阳娜娜\r\n';

describe('decodeCsvBytes', () => {
  it.each([
    ['utf-8', new Uint8Array(Buffer.from(text, 'utf8'))],
    ['utf-8-bom', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text, 'utf8')])],
    ['gb18030', new Uint8Array(iconv.encode(text, 'gbk'))],
    ['gb18030', new Uint8Array(iconv.encode(`${text}䶮,𠀀\r\n`, 'gb18030'))],
    ['utf-16le', new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')])],
    ['utf-16be', new Uint8Array([0xfe, 0xff, ...iconv.encode(text, 'utf-16be')])],
  ])('detects %s', (encoding, bytes) => {
    const decoded = decodeCsvBytes(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text.startsWith(text)).toBe(true);
  });

  it('keeps pure ASCII as UTF-8 (identical in GBK)', () => {
    expect(decodeCsvBytes(new Uint8Array(Buffer.from('order_id\r\n123\r\n')))).toEqual({ encoding: 'utf-8', text: 'order_id\r\n123\r\n' });
  });

  it('reads GBK text that is one byte short of valid UTF-8 as GBK, not as mojibake', () => {
    // "中文" in GBK is D6 D0 CE C4: D6 D0 would be a valid 2-byte UTF-8 sequence, CE C4 is not.
    expect(decodeCsvBytes(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]))).toEqual({ encoding: 'gb18030', text: '中文' });
  });
});
