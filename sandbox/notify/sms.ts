/**
 * Aliyun SendSms (protocols.md §7) as the gateway sees it: the common parameters, a fresh nonce, a
 * timestamp within 15 minutes, the RPC v1 signature, a known AccessKey, sign name and template.
 */
import { expectedAliyunSignature, sameText } from './signature.js';

export interface SmsAccount {
  accessKeySecret: string;
  signNames: string[];
  /** TemplateCode → the variables its approved text takes. */
  templates: Record<string, string[]>;
}

export interface SmsCheck {
  accepted: boolean;
  phone: string | null;
  templateCode: string | null;
  params: Record<string, string> | null;
  outId: string | null;
  status: number;
  body: Record<string, unknown>;
  problem?: string;
}

const REQUIRED = ['AccessKeyId', 'Action', 'Format', 'RegionId', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp', 'Version', 'PhoneNumbers', 'SignName', 'TemplateCode'];

export function checkSendSms(query: URLSearchParams, accounts: ReadonlyMap<string, SmsAccount>, nonces: Set<string>, now: number, requestId: string, bizId: string): SmsCheck {
  const base = { accepted: false, phone: null, templateCode: null, params: null, outId: query.get('OutId') };
  const refuse = (status: number, code: string, message: string): SmsCheck => ({ ...base, status, body: { Code: code, Message: message, RequestId: requestId }, problem: `${code}: ${message}` });
  for (const name of REQUIRED) if (!query.get(name)) return refuse(400, 'MissingParameter', `${name} is mandatory for this action.`);
  if (query.get('Action') !== 'SendSms' || query.get('Version') !== '2017-05-25') return refuse(400, 'InvalidAction', 'Specified action or version is not valid.');
  if (query.get('SignatureMethod') !== 'HMAC-SHA1' || query.get('SignatureVersion') !== '1.0') return refuse(400, 'InvalidSignatureMethod', 'HMAC-SHA1 / 1.0 only.');
  const account = accounts.get(query.get('AccessKeyId')!);
  if (!account) return refuse(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  const signature = query.get('Signature') ?? '';
  if (!sameText(signature, expectedAliyunSignature(query, account.accessKeySecret))) return refuse(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
  const timestamp = query.get('Timestamp')!;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(timestamp) || Math.abs(Date.parse(timestamp) - now) > 15 * 60_000) return refuse(400, 'InvalidTimeStamp.Expired', `Specified time stamp or date value is expired: ${timestamp}`);
  const nonce = query.get('SignatureNonce')!;
  if (nonces.has(nonce)) return refuse(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  nonces.add(nonce);
  const phone = query.get('PhoneNumbers')!;
  if (!/^(\+?86)?1[3-9]\d{9}$/.test(phone)) return refuse(200, 'isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
  if (!account.signNames.includes(query.get('SignName')!)) return refuse(200, 'isv.SMS_SIGNATURE_ILLEGAL', '签名不合法(不存在或被拉黑)');
  const templateCode = query.get('TemplateCode')!;
  const variables = account.templates[templateCode];
  if (!variables) return refuse(200, 'isv.SMS_TEMPLATE_ILLEGAL', '模板不合法(不存在或被拉黑)');
  let params: Record<string, string>;
  try {
    params = JSON.parse(query.get('TemplateParam') ?? '{}') as Record<string, string>;
  } catch {
    return refuse(200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
  }
  const missing = variables.filter((v) => typeof params[v] !== 'string' || params[v] === '');
  if (missing.length > 0) return refuse(200, 'isv.TEMPLATE_MISSING_PARAMETERS', `模板缺少变量 ${missing.join(',')}`);
  return { accepted: true, phone, templateCode, params, outId: query.get('OutId'), status: 200, body: { Code: 'OK', Message: 'OK', BizId: bizId, RequestId: requestId } };
}
