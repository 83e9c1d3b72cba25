/**
 * Douyin request signing: canonical `param_json` (§3.2) and the HMAC-SHA256 / MD5 signature (§3.3).
 * The bytes returned by `canonicalParamJson` are both signed and sent, never re-serialised between
 * (§0 "sign the exact bytes you send").
 */
import { createHash, createHmac } from 'node:crypto';
import { API_VERSION, type SignMethod } from './protocol.js';

export type ParamValue = string | number | boolean | null | ParamValue[] | { [key: string]: ParamValue | undefined };

/**
 * §3.2: keys sorted lexicographically at every level, no whitespace, `/`, CJK and `<>&` left raw
 * (JSON.stringify already does that); arrays keep their order; `{}` for an empty object. Keys whose
 * value is `undefined` are left out, as JSON.stringify would. Sorting is by UTF-16 code unit, which
 * equals PHP ksort / Go's byte order for the ASCII keys Douyin uses.
 */
export function canonicalParamJson(value: ParamValue): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('param_json numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalParamJson).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalParamJson(value[k] as ParamValue)}`).join(',')}}`;
}

export interface SignInput {
  appKey: string;
  appSecret: string;
  method: string;
  /** The exact param_json text that goes on the wire. */
  paramJson: string;
  /** The exact timestamp string that goes on the wire. */
  timestamp: string;
}

/** §3.3 paramPattern wrapped in the secret: `secret + "app_key"… "v" + "2" + secret`. */
export function stringToSign(input: SignInput): string {
  const pattern = `app_key${input.appKey}method${input.method}param_json${input.paramJson}timestamp${input.timestamp}v${API_VERSION}`;
  return `${input.appSecret}${pattern}${input.appSecret}`;
}

/** §3.3: lowercase hex of HMAC-SHA256(key = secret) or MD5 over the string to sign. */
export function signDouyinRequest(input: SignInput, method: SignMethod = 'hmac-sha256'): string {
  const text = stringToSign(input);
  if (method === 'md5') return createHash('md5').update(text, 'utf8').digest('hex');
  return createHmac('sha256', input.appSecret).update(text, 'utf8').digest('hex');
}
