/**
 * Kuaidi100 settings (protocols.md §5.4). The endpoints are [V]; the error return codes are [S]/[U]
 * (only 200/501/700 of subscribe are seen in public copies), so every code → kind is configurable.
 */
import type { CarrierErrorKind } from '../types.js';

export const KUAIDI100_DEFAULT_BASE = 'https://poll.kuaidi100.com'; // protocols.md §5.4 [V]

export interface Kuaidi100Config {
  /** Base URL; query = base + /poll/query.do, subscribe = base + /poll (protocols.md §5.4). */
  baseUrl: string;
  customer: string;
  key: string;
  /** Push signature salt (≤ 32 chars); without it Kuaidi100 sends no `sign` and we refuse pushes. */
  salt: string;
  /** Our /hooks/kuaidi100 as the partner reaches it; null on hosts that cannot receive pushes. */
  callbackUrl: string | null;
  timeoutMs: number;
  /** `resultv2=1` asks for per-item statusCode (sub-states), which the mapping table needs. */
  resultv2: string;
  /** returnCode → error kind; merged over the defaults. */
  errorKinds: Record<string, CarrierErrorKind>;
}

/** Defaults from public copies [S]/[U]: 5xx-style codes vary by endpoint, so the subscribe reply is read separately. */
export const KUAIDI100_ERROR_KINDS: Record<string, CarrierErrorKind> = {
  '400': 'permanent', // 参数错误 / 找不到对应公司 [S]
  '408': 'permanent', // 手机号校验失败 (phone tail required for SF/ZTO) [U]
  '500': 'not-found', // 查询无结果 [S]
  '501': 'transient', // 服务器错误 (query) [U]
  '502': 'rate-limit', // 服务器繁忙 / 超过查询频率 [U]
  '503': 'auth', // 验证签名失败 [S]
  '601': 'auth', // POLL:KEY已过期 / 余额不足 [U]
  '700': 'permanent', // POLL:不支持的快递公司 (subscribe) [S]
};

export function readKuaidi100Config(value: unknown): Kuaidi100Config | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const text = (x: unknown, d = '') => (typeof x === 'string' ? x : d);
  if (!text(v.customer) || !text(v.key)) return null;
  return {
    baseUrl: text(v.baseUrl ?? v.endpoint, KUAIDI100_DEFAULT_BASE).replace(/\/+$/, ''),
    customer: text(v.customer),
    key: text(v.key),
    salt: text(v.salt),
    callbackUrl: typeof v.callbackUrl === 'string' ? v.callbackUrl : null,
    timeoutMs: typeof v.timeoutMs === 'number' ? v.timeoutMs : 15_000,
    resultv2: text(v.resultv2, '1'),
    errorKinds: { ...KUAIDI100_ERROR_KINDS, ...((v.errorKinds ?? {}) as Record<string, CarrierErrorKind>) },
  };
}
