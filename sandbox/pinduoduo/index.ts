/** Simulated Pinduoduo POP gateway (protocols.md §2): the public surface. */
export { startPinduoduoSimulator, type PinduoduoKnobs, type PinduoduoSimulator, type PinduoduoSimulatorOptions, type PinduoduoStats } from './simulator.js';
export { SIM_LOGISTICS_IDS, beijingText, orderSnOf, renderPddOrder, visibleVersion } from './render.js';
export { expectedPddSign, signatureMatches } from './signature.js';
export { RawJson, Yuan, javaDoubleText, writeJson } from './wire-json.js';
