/** 抖店 (Douyin shop) channel: connector (§3), message push (§12.2). */
export { createDouyinConnector, DEFAULT_DOUYIN_CARRIER_CODES, type DouyinConnector, type DouyinConnectorOptions } from './connector.js';
export {
  DOUYIN_PUSH_ERROR_CODES,
  DOUYIN_PUSH_SUCCESS_REPLY,
  DouyinPushDeduper,
  douyinPushSignature,
  verifyDouyinPush,
  type DouyinPushConfig,
  type DouyinPushEvent,
  type DouyinPushReply,
  type DouyinPushResult,
} from './push.js';
export { DEFAULT_DOUYIN_PUSH_TAGS, type DouyinPushKind } from './push-tags.js';
export { canonicalParamJson, signDouyinRequest, stringToSign } from './sign.js';
export { DOUYIN_ORDER_STATUS } from './status.js';
export { DOUYIN_GATEWAY } from './protocol.js';
