/**
 * JD signatures (protocols.md §5.3 [S]).
 * - LOP (api.jdl.com, `algorithm=md5-salt`): lowercase hex MD5 of
 *   `secret + "access_token"+token + "app_key"+key + "method"+path + "param_json"+body + "timestamp"+ts + "v"+"2.0" + secret`.
 * - JOS (legacy routerjson, TOP-like): UPPER hex MD5 of `secret + sorted(k+v) + secret`, sorted on the
 *   concatenated `k+v` strings, `sign` excluded.
 */
import { createHash } from 'node:crypto';

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

export interface LopSignInput {
  accessToken: string;
  appKey: string;
  path: string;
  body: string;
  timestamp: string;
  v: string;
}

export function lopSign(input: LopSignInput, secret: string): string {
  return md5(`${secret}access_token${input.accessToken}app_key${input.appKey}method${input.path}param_json${input.body}timestamp${input.timestamp}v${input.v}${secret}`);
}

export function josSign(params: Record<string, string>, secret: string): string {
  const pairs = Object.entries(params).filter(([k]) => k !== 'sign').map(([k, v]) => k + v).sort();
  return md5(secret + pairs.join('') + secret).toUpperCase();
}
