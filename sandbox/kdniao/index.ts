/** Simulated Kdniao query, subscribe and push (protocols.md §5.5). */
export { expectedDataSign, startKdniaoSimulator, type KdniaoKnobs, type KdniaoSimulator } from './simulator.js';
