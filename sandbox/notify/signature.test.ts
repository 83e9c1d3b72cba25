import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedAliyunSignature, expectedDingtalkSign } from './signature.js';

/** The same Python-computed vectors the adapters are tested with: both sides agree with Python, not with each other. */
const vectors = JSON.parse(readFileSync(new URL('../../core/notify/channels/fixtures/sign-vectors.json', import.meta.url), 'utf8')) as {
  dingtalk: Array<{ timestamp: string; secret: string; base64: string }>;
  aliyun: Array<{ params: Record<string, string>; accessKeySecret: string; signature: string }>;
};

describe('receivers verify signatures with their own code', () => {
  it('DingTalk', () => {
    for (const v of vectors.dingtalk) expect(expectedDingtalkSign(v.timestamp, v.secret)).toBe(v.base64);
  });

  it('Aliyun SendSms', () => {
    for (const v of vectors.aliyun) expect(expectedAliyunSignature(new URLSearchParams(v.params), v.accessKeySecret)).toBe(v.signature);
  });
});
