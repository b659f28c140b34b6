/**
 * The three deadlock policies of the lock manager, each a named set of implementations of the same
 * three guards, which the lock manager asks whenever a request must wait for a conflicting lock:
 * `dies` (the requester gives up and restarts instead of waiting), `wounds` (it aborts a holder)
 * and `reportsWaits` (its wait goes to the deadlock detector). A variant picks one with
 * `server.provide({ guards: waitDie })`; the server machine's own guards are `waitForGraph`.
 *
 * Source: Bernstein, Hadzilacos, Goodman 1987, chapter 3 (deadlock detection with a wait-for
 * graph, and prevention by timestamps); Rosenkrantz, Stearns, Lewis, "System level concurrency
 * control for distributed database systems", ACM TODS 3(2), 1978 (wait-die, wound-wait). A smaller
 * timestamp is an older transaction; a restart keeps its timestamp, so nobody starves.
 */
import type { DiesParams, WoundsParams } from './data-manager.ts';

/** A deadlock policy: the lock manager's three conflict guards. */
export interface DeadlockPolicy {
  /** Whether a requester that conflicts with `holders` (their timestamps) dies instead of waiting. */
  readonly dies: (_: unknown, params: DiesParams) => boolean;
  /** Whether a waiting requester wounds (aborts) the conflicting holder `holder`. */
  readonly wounds: (_: unknown, params: WoundsParams) => boolean;
  /** Whether a wait (and each change of who it waits for) is reported to the deadlock detector. */
  readonly reportsWaits: (_: unknown) => boolean;
}

const never = () => false;

/** Detection: every request waits; its waits go to the central detector, which breaks cycles. */
export const waitForGraph: DeadlockPolicy = {
  dies: never,
  wounds: never,
  reportsWaits: () => true,
};

/**
 * Wait-die (Rosenkrantz et al. 1978), non-preemptive prevention: an older requester waits for
 * younger holders; a younger one dies (and restarts once those holders are gone).
 */
export const waitDie: DeadlockPolicy = {
  dies: (_, { ts, holders }) => holders.some((holder) => ts > holder),
  wounds: never,
  reportsWaits: never,
};

/**
 * Wound-wait (Rosenkrantz et al. 1978), preemptive prevention: an older requester wounds (aborts)
 * younger holders and waits for them to go; a younger requester waits.
 */
export const woundWait: DeadlockPolicy = {
  dies: never,
  wounds: (_, { ts, holder }) => ts < holder,
  reportsWaits: never,
};
