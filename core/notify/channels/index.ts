import type { TargetChannel } from '../../contract/notify.js';
import { aliyunSmsAdapter } from './aliyun-sms.js';
import { dingtalkAdapter } from './dingtalk.js';
import type { DeliveryAdapter } from './types.js';
import { wecomAdapter } from './wecom.js';

export const DELIVERY_ADAPTERS: Record<TargetChannel, DeliveryAdapter> = { wecom: wecomAdapter, dingtalk: dingtalkAdapter, sms: aliyunSmsAdapter };
export type { DeliveryAdapter, DeliveryEnv, DeliveryTarget, OutgoingMessage, SendResult } from './types.js';
