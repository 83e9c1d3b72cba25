/** Simulated SF 丰桥 route query + route push (protocols.md §5.1). */
export { sfWaybill, startSfSimulator, type SfKnobs, type SfSimulator, type SfSimulatorOptions } from './simulator.js';
export { expectedMsgDigest, javaEncode } from './signature.js';
export { beijingText, generateJourneys, pushOrder, visibleSteps, type Journey, type JourneyKind, type JourneyStep, type Stage } from './journey.js';
