/** ZTO ZOP track query, subscribe and trace push (protocols.md §5.2). */
export { mapZtoStatus, ZTO_ACTIONS } from './actions.js';
export { callZto, createZtoAdapter, parseZtoQuery } from './adapter.js';
export { ZTO_DEFAULT_OPTIONS, ztoConfigFrom, type ZtoAdapterConfig, type ZtoCredentials, type ZtoOptions } from './config.js';
export { createZtoPushParser } from './push.js';
export { ztoDigest } from './sign.js';
export { ztoTraceEvent } from './traces.js';
