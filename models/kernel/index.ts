/**
 * The kernel, for `import … from 'groupcheck/kernel'`: what a protocol model is written against
 * (roles, steps, effects, the network, worlds, systems, parameters and fingerprints).
 *
 * @module
 */
export * from './action.ts';
export * from './define.ts';
export * from './draft.ts';
export * from './effects.ts';
export * from './fingerprint.ts';
export * from './graph.ts';
export * from './hash.ts';
export * from './json.ts';
export * from './local-table.ts';
export * from './manifest.ts';
export * from './move-codec.ts';
export * from './network.ts';
export * from './observation.ts';
export * from './params.ts';
export * from './protocol.ts';
export * from './renaming.ts';
export * from './pure-driver.ts';
export * from './spec.ts';
export * from './step.ts';
export * from './system.ts';
export * from './world.ts';
