/** SF Express route query and route push (protocols.md §5.1). */
export { createSfAdapter, parseSfBusiness, parseSfRouteAnswer, sfRouteQueryForm, SF_BUSINESS_OK, SF_GATEWAY_OK, SF_ROUTE_SERVICE } from './adapter.js';
export { SF_DEFAULT_OPTIONS, sfConfigFrom, type SfAdapterConfig, type SfCredentials, type SfOptions } from './config.js';
export { mapSfStatus, SF_OP_CODES, SF_STATUS_NAMES } from './op-codes.js';
export { createSfPushParser, sfPushFailureReply, SF_PUSH_REPLY_JSON_OK, SF_PUSH_REPLY_XML_OK, type SfPushRequest } from './push.js';
export { sfRouteEvent } from './routes.js';
export { javaUrlEncode, sfMsgDigest } from './sign.js';
