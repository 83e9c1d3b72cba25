/** Simulated ZTO ZOP track query, subscribe and trace push (protocols.md §5.2). */
export { startZtoSimulator, ztoTrace, type ZtoKnobs, type ZtoSimulator } from './simulator.js';
