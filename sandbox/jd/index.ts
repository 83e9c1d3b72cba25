/** Simulated JD Logistics LOP and JOS trace queries (protocols.md §5.3). */
export { startJdSimulator, type JdApp, type JdKnobs, type JdSimulator } from './simulator.js';
