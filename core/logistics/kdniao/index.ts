/** Kdniao (快递鸟) aggregator: query, subscribe and push (protocols.md §5.5). */
export { createKdniaoAdapter, kdniaoForm, kindOfReason } from './adapter.js';
export { KDNIAO_DEFAULT_OPTIONS, kdniaoConfigFrom, type KdniaoAdapterConfig, type KdniaoCredentials, type KdniaoOptions } from './config.js';
export { createKdniaoPushParser } from './push.js';
export { kdniaoDataSign } from './sign.js';
export { KDNIAO_STATES, mapKdniaoState } from './states.js';
export { kdniaoResult } from './traces.js';
