import { UsageError } from './usage-error.ts';

/**
 * One part of a run split over machines (`check --shard i/n`): shard `index` (1-based) of `count`.
 * The split is deterministic, so a CI matrix of n jobs, each given its `i/n` and the same other
 * options, covers exactly what the n shards of the run cover, and `groupcheck merge` combines them.
 */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The most shards a run splits into. */
export const MAX_SHARDS = 10_000;

/** `i/n` as typed, checked: 1 ≤ i ≤ n ≤ `MAX_SHARDS`, both whole numbers. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null) throw new UsageError(`--shard takes i/n (shard i of n, e.g. 2/4), not '${text}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS)
    throw new UsageError(`--shard ${text}: n must be 1 to ${MAX_SHARDS}`);
  if (index < 1 || index > count)
    throw new UsageError(`--shard ${text}: i must be 1 to ${count} (shards count from 1)`);
  return { index, count };
}

/**
 * The random engine's part of a sharded run of `runs` scenarios from `seed`: shard i runs its share
 * of the scenarios (the first runs mod n shards one more) from its own seed, `seed + i − 1`, so the
 * shards' seed ranges are disjoint and together they are the run of seeds seed … seed + n − 1.
 * Shard 1/1 is the unsharded run.
 */
export function randomShare(
  seed: number,
  runs: number,
  shard: Shard,
): { seed: number; runs: number } {
  const base = Math.floor(runs / shard.count);
  const extra = shard.index <= runs % shard.count ? 1 : 0;
  return { seed: (seed + shard.index - 1) % 2 ** 32, runs: Math.max(1, base + extra) };
}

/**
 * The exhaustive engine's part: swarm verification, each shard a depth-first search trying moves in
 * its own seeded order (`seed` mixed with the shard index). Every shard searches the whole space;
 * bounded ones (`--max-states`, `--max-seconds`, a bitstate table) reach different parts of it.
 */
export function swarmOrder(seed: number, shard: Shard): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(shard.index, 0x85ebca6b)) >>> 0;
}
