/** Pinduoduo (POP) connector: the public surface. */
export { createPinduoduoConnector, type PinduoduoConnector, type PinduoduoOptions } from './connector.js';
export { signPddParams, pddSignBase, type PddParams } from './sign.js';
export { normalizePddOrder, type NormalizeOutcome, type PddSkuField } from './normalize.js';
export { PDD_STATUS_TABLE, mapPddStatus, pddPlatformStatus } from './status.js';
export { pddYuanToFen } from './money.js';
export { DEFAULT_PDD_ERROR_CODES, PDD_API, PDD_INCREMENT_SAFETY_LAG_MS, type PddErrorCodes } from './protocol.js';
