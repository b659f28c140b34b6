/**
 * The checkers, for `import … from 'groupcheck/checkers'`: the random engine (fast-check), the
 * exhaustive engine, replay of traces, their file format, and the evaluation of properties.
 *
 * @module
 */
export * from './random.ts';
export * from './exhaustive/search.ts';
export * from './replay.ts';
export * from './trace.ts';
export * from './trace-format.ts';
export * from './evaluate.ts';
export * from './minimize.ts';
export * from './liveness.ts';
export * from './lasso.ts';
export * from './scenario.ts';
