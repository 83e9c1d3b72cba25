/** JD Logistics trace query: LOP (default) and the JOS legacy API (protocols.md §5.3). */
export { createJdAdapter, josRequest, lopRequest, parseJosAnswer, parseLopAnswer } from './adapter.js';
export { JD_DEFAULT_OPTIONS, jdConfigFrom, type JdAdapterConfig, type JdCredentials, type JdOptions } from './config.js';
export { josSign, lopSign } from './sign.js';
export { JD_TITLES, mapJdTitle } from './titles.js';
