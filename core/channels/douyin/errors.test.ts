import { describe, expect, it } from 'vitest';
import { classifyEnvelope, envelopeError, isSuccess } from './errors.js';
import { arrayItemTexts, valueText } from './raw-slices.js';

describe('抖店 error codes → kinds (protocols.md §3.5)', () => {
  it.each([
    [{ code: 40003, sub_code: 'isv.signature-invalid' }, 'auth'],
    [{ code: 40003, sub_code: 'isv.access-token-expired' }, 'auth'],
    [{ code: 40003, sub_code: 'isv.access-token-no-existed' }, 'auth'],
    [{ code: 40001, sub_code: 'isv.access-token-missing' }, 'auth'],
    [{ code: 30001, sub_code: 'dop.authorization-closed' }, 'auth'],
    [{ code: 30002, sub_code: '' }, 'auth'],
    [{ code: 60000, sub_code: '' }, 'rate-limit'],
    [{ code: 20000, sub_code: 'dop.service-error' }, 'transient'],
    [{ code: 20001, sub_code: '' }, 'transient'],
    [{ code: 50002, sub_code: 'isp.service-error:10005' }, 'transient'], // §11.7 系统繁忙 → retry
    [{ code: 40004, sub_code: 'isv.parameter-invalid:123' }, 'permanent'],
    [{ code: 40003, sub_code: 'isv.timestamp-invalid' }, 'permanent'],
    [{ code: 50002, sub_code: 'isv.business-failed:60033' }, 'permanent'],
    [{ code: 70000, sub_code: '' }, 'permanent'],
    [{ err_no: 30002, message: 'old envelope' }, 'auth'],
    [{ code: 12345 }, 'permanent'],
  ] as const)('%j → %s', (env, kind) => {
    expect(classifyEnvelope(env)).toBe(kind);
  });

  it('knows success in both envelopes (§3.4)', () => {
    expect(isSuccess({ code: 10000 })).toBe(true);
    expect(isSuccess({ code: '10000', err_no: 0 })).toBe(true);
    expect(isSuccess({ err_no: 0, message: 'success' })).toBe(true);
    expect(isSuccess({ code: 40003, err_no: 0 })).toBe(false);
    expect(isSuccess({})).toBe(false);
  });

  it('keeps the platform code, sub_code, message and log_id verbatim', () => {
    const raw = '{"code":40003,"msg":"非法参数","sub_code":"isv.signature-invalid","sub_msg":"签名无效","log_id":"2026x"}';
    const err = envelopeError(JSON.parse(raw), 'order.searchList', raw);
    expect(err.platform).toEqual({ code: '40003', subCode: 'isv.signature-invalid', message: '非法参数: 签名无效', requestId: '2026x', raw });
  });
});

describe('raw slices', () => {
  it('finds the exact text of nested values and array items, strings with brackets included', () => {
    const text = ' {"a" : "x]}\\"", "data" :{"n":1,"shop_order_list":[ {"id":"1","p":12345678901234567890} , {"s":"[}"} ]}} ';
    expect(arrayItemTexts(text, ['data', 'shop_order_list'])).toEqual(['{"id":"1","p":12345678901234567890}', '{"s":"[}"}']);
    expect(valueText(text, ['data', 'n'])).toBe('1');
    expect(valueText(text, ['data', 'missing'])).toBeNull();
    expect(arrayItemTexts('{"data":{"shop_order_list":[]}}', ['data', 'shop_order_list'])).toEqual([]);
  });
});
