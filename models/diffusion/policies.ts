/**
 * The diffusion policies: each a named set of implementations of the diffuser's `splits` and
 * `prefers` guards. A variant picks one with `diffuser.provide({ guards: machineGuards(policy) })`;
 * the simulator answers the same guards with the same table (`decide`).
 *
 * - round-robin: whole requests, each to the next worker in turn (the machine's own guards);
 * - least-loaded: whole requests, each to the worker with the fewest parts outstanding;
 * - request-parts: every request split into parts, each part to the least-loaded worker.
 *
 * Source: the seed's "High Performance Service Architecture" ("Each server handles a different
 * request - Diffusion mechanism hands out requests"; "each server computes a different part of the
 * result - Diffusion mechanism distributes request parts - Consolidation mechanism combines result
 * parts").
 */
import { decisions, type Decision, type Decisions, type DiffuserGuard } from './diffuser.step.ts';

/** A named diffusion policy: the decision table its diffuser uses. */
export interface Policy {
  /** Its name (a variant's name). */
  readonly name: string;
  /** Every guard's correct decision under this policy. */
  readonly decisions: Decisions;
}

/** Least-loaded choice: fewer outstanding parts wins; ties go to the lower worker index. */
const leastLoadedChoice: Decision<'prefers'> = ({ candidate, best, loads }) =>
  loads[candidate]! < loads[best]!;

/** Whole requests, round-robin. */
export const roundRobin: Policy = { name: 'round-robin', decisions };

/** Whole requests, to the least-loaded worker. */
export const leastLoaded: Policy = {
  name: 'least-loaded',
  decisions: { ...decisions, prefers: leastLoadedChoice },
};

/** Request parts: split every request, each part to the least-loaded worker. */
export const requestParts: Policy = {
  name: 'request-parts',
  decisions: { ...decisions, splits: () => true, prefers: leastLoadedChoice },
};

/** A machine guard that answers `guard` by `decision` from the params the step hands it. */
type MachineGuard = (_: unknown, params: never) => boolean;

/** The guards of a decision table, in the shape `machine.provide({ guards })` takes. */
export function machineGuards(
  table: Partial<Decisions>,
): Partial<Record<DiffuserGuard, MachineGuard>> {
  const out: Partial<Record<DiffuserGuard, MachineGuard>> = {};
  for (const [guard, decision] of Object.entries(table) as [DiffuserGuard, Decision<never>][]) {
    out[guard] = (_: unknown, params: never) => decision(params);
  }
  return out;
}
