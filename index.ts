/**
 * groupcheck as a library (`import … from 'groupcheck'`): the kernel's types, `roleKit` to write a
 * role, `System` to run a protocol, the random and exhaustive engines, replay of traces, the
 * bundled protocols and the properties. The subpaths `groupcheck/kernel`, `groupcheck/checkers`
 * and `groupcheck/properties` export everything in each layer.
 *
 * @module
 */
export type * from './models/kernel/index.ts';
export { roleKit } from './models/kernel/step.ts';
export { defineProtocol, defineRole } from './models/kernel/define.ts';
export { System } from './models/kernel/system.ts';
export { LocalTable } from './models/kernel/local-table.ts';
export { findProtocol, protocols } from './models/index.ts';
export {
  runRandom,
  runRandomAsync,
  type RandomOptions,
  type RandomResult,
} from './checkers/random.ts';
export {
  runExhaustive,
  runExhaustiveAsync,
  type ExhaustiveOptions,
  type ExhaustiveResult,
} from './checkers/exhaustive/search.ts';
export { execute, replay, type Replay } from './checkers/replay.ts';
export { traceSystem } from './checkers/trace-system.ts';
export { parseTrace, readTrace, writeTrace, type Trace } from './checkers/trace.ts';
export * from './properties/index.ts';
