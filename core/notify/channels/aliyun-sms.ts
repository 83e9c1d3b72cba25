/**
 * SMS through Aliyun SendSms (protocols.md §7): a signed GET with the template code Aliyun approved
 * and the variables as a JSON TemplateParam. Our idempotency key travels as OutId so receipts and
 * support tickets can be matched to the outbox row.
 */
import { aliyunSignature, aliyunTimestamp, canonicalQuery, percentEncode } from './aliyun-sign.js';
import { classifyStatus, exchange, isReply, parseJson, type PartnerReply } from './http.js';
import type { DeliveryAdapter, DeliveryEnv, SendResult } from './types.js';

export const ALIYUN_SMS_ENDPOINT = 'https://dysmsapi.aliyuncs.com/'; // protocols.md §7
export const ALIYUN_SMS_VERSION = '2017-05-25'; // protocols.md §7
export const ALIYUN_REGION = 'cn-hangzhou'; // protocols.md §7
const MAINLAND_MOBILE = /^(\+?86)?1[3-9]\d{9}$/;
const OUT_ID_MAX = 256;

export function sendSmsParams(input: { accessKeyId: string; phone: string; signName: string; templateCode: string; templateParam: Record<string, string>; outId: string; regionId?: string; at: number; nonce: string }): Record<string, string> {
  return {
    AccessKeyId: input.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    RegionId: input.regionId ?? ALIYUN_REGION,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: input.nonce,
    SignatureVersion: '1.0',
    Timestamp: aliyunTimestamp(input.at),
    Version: ALIYUN_SMS_VERSION,
    PhoneNumbers: input.phone,
    SignName: input.signName,
    TemplateCode: input.templateCode,
    TemplateParam: JSON.stringify(input.templateParam),
    OutId: input.outId.slice(0, OUT_ID_MAX),
  };
}

export function signedSendSmsUrl(endpoint: string, params: Record<string, string>, accessKeySecret: string): string {
  const signature = aliyunSignature(params, accessKeySecret);
  return `${endpoint}?Signature=${percentEncode(signature)}&${canonicalQuery(params)}`;
}

export function classifySmsReply(reply: PartnerReply, codes: DeliveryEnv['settings']['codes']): SendResult {
  const body = parseJson(reply.text);
  const code = typeof body?.Code === 'string' ? body.Code : null;
  if (reply.status >= 200 && reply.status < 300 && code === 'OK') return { kind: 'ok', detail: `BizId ${String(body?.BizId ?? '')}` };
  // Aliyun answers errors with 4xx/5xx and a JSON Code; the code decides, the status only when there is none.
  if (!code) return classifyStatus(reply) ?? { kind: 'transient', code: 'malformed', message: `Unreadable SMS gateway answer: ${reply.text.slice(0, 200)}` };
  const message = `${code}: ${typeof body?.Message === 'string' ? body.Message : ''} (RequestId ${String(body?.RequestId ?? '?')})`;
  if (codes.smsThrottle.includes(code)) return { kind: 'rate-limit', code, message };
  if (codes.smsTransient.includes(code) || reply.status >= 500) return { kind: 'transient', code, message };
  return { kind: 'permanent', code, message };
}

export const aliyunSmsAdapter: DeliveryAdapter = {
  channel: 'sms',
  async send(message, target, env) {
    const { accessKeyId, accessKeySecret } = target.credentials;
    if (!accessKeyId || !accessKeySecret) return { kind: 'config', code: 'no-access-key', message: `Target ${target.id} has no Aliyun AccessKey.` };
    const signName = target.settings.signName;
    if (!signName) return { kind: 'config', code: 'no-sign-name', message: `Target ${target.id} has no SMS sign name (签名).` };
    const templateCode = target.settings.templateCodes?.[message.template];
    if (!templateCode) return { kind: 'config', code: 'no-template-code', message: `Target ${target.id} has no Aliyun TemplateCode for template "${message.template}".` };
    const phone = message.recipient ?? '';
    if (!MAINLAND_MOBILE.test(phone)) return { kind: 'permanent', code: 'bad-phone', message: `Not a mainland mobile number: ${phone.slice(0, 3)}…` };
    const params = sendSmsParams({ accessKeyId, phone, signName, templateCode, templateParam: message.smsParams, outId: message.idempotencyKey, ...(target.settings.regionId ? { regionId: target.settings.regionId } : {}), at: env.now(), nonce: env.nonce() });
    const reply = await exchange(env.fetch, signedSendSmsUrl(target.settings.endpoint ?? ALIYUN_SMS_ENDPOINT, params, accessKeySecret), { method: 'GET' }, env.timeoutMs);
    if (!isReply(reply)) return reply;
    return classifySmsReply(reply, env.settings.codes);
  },
};

export function isMainlandMobile(phone: string): boolean {
  return MAINLAND_MOBILE.test(phone);
}
