import { describe, expect, it } from 'vitest';
import { PlatformError } from '../types.js';
import { readTopAnswer } from './client.js';
import { classifyTopError } from './errors.js';

function errorOf(text: string): PlatformError {
  try {
    readTopAnswer('taobao.trades.sold.get', text);
  } catch (err) {
    if (err instanceof PlatformError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('TOP error_response → PlatformError (§1.6, §1.7)', () => {
  it('maps the captured §1.6 payloads and keeps the platform fields verbatim', () => {
    const expired = errorOf('{"error_response":{"code":27,"msg":"Invalid session:session-expired","sub_code":"session-expired","request_id":"ze1z2cy8hpd1"}}');
    expect(expired.kind).toBe('auth');
    expect(expired.platform).toMatchObject({ code: '27', subCode: 'session-expired', message: 'Invalid session:session-expired', requestId: 'ze1z2cy8hpd1' });
    const isv = errorOf('{"error_response":{"code":15,"msg":"Remote service error","sub_code":"isv.MOBILE_NUMBER_ILLEGAL","sub_msg":"号码格式错误","request_id":"ishfhkt4jeym"}}');
    expect(isv.kind).toBe('permanent');
    expect(isv.platform.message).toBe('Remote service error / 号码格式错误');
    expect(isv.platform.raw).toContain('isv.MOBILE_NUMBER_ILLEGAL');
  });

  it.each([
    ['7', undefined, 'rate-limit'],
    ['7', 'accesscontrol.limited-by-api-access-count', 'rate-limit'],
    ['4', undefined, 'rate-limit'],
    ['8', undefined, 'rate-limit'],
    ['15', 'isv.api-call-limit', 'rate-limit'],
    ['25', undefined, 'auth'],
    ['26', undefined, 'auth'],
    ['27', 'session-expired', 'auth'],
    ['29', undefined, 'auth'],
    ['11', undefined, 'auth'],
    ['15', 'isp.remote-service-timeout', 'transient'],
    ['15', undefined, 'transient'],
    ['10', undefined, 'transient'],
    ['15', 'isv.invalid-parameter', 'permanent'],
    ['41', 'isv.invalid-parameter', 'permanent'],
    ['31', undefined, 'permanent'],
    ['999', undefined, 'permanent'],
  ] as const)('code %s sub_code %s → %s', (code, subCode, kind) => {
    expect(classifyTopError(code, subCode)).toBe(kind);
  });

  it('reads a string code, and the ban length as the retry hint', () => {
    const e = errorOf('{"error_response":{"code":"7","msg":"App Call Limited","sub_code":"accesscontrol.limited-by-app-access-count","sub_msg":"This ban will last for 71 more seconds"}}');
    expect(e.kind).toBe('rate-limit');
    expect(e.retryAfterMs).toBe(71_000);
  });

  it('calls an unparseable body or an unexpected root malformed', () => {
    expect(errorOf('{"trades_sold_get_response":{"total_results":1,').kind).toBe('malformed');
    expect(errorOf('<error_response><code>23</code></error_response>').kind).toBe('malformed');
    expect(errorOf('{"trades_sold_increment_get_response":{}}').kind).toBe('malformed');
  });
});
