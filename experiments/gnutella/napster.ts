/**
 * Napster's central index under load (the seed: "centralized approach to coordination and query
 * processing … single point of failure"): every peer alternates online sessions and offline spells
 * (exponential, one hour on average each, so half the peers are online), logs in with its list of
 * shared files when a session starts and out when it ends, and issues one query every
 * `QUERY_INTERVAL` seconds on average while online. Each login, logout and query is one operation
 * at the index. The simulation runs one hour per peer (from a stationary start) and counts the
 * index's operations in each second: the mean and the busiest second.
 */
import { Rng } from '../rng.ts';
import { QUERY_INTERVAL } from './reflectors.ts';

/** Mean online session, in seconds. */
export const SESSION = 3600;

/** Mean offline spell between sessions, in seconds. */
export const OFFLINE = 3600;

/** Simulated seconds. */
export const HORIZON = 3600;

/** The index's load with `peers` peers: operations per second (mean and busiest second). */
export interface NapsterPoint {
  readonly peers: number;
  readonly mean: number;
  readonly peak: number;
  readonly queries: number;
  readonly logins: number;
}

/** An exponential time with mean `mean`. */
const exp = (rng: Rng, mean: number) => -Math.log(1 - rng.next()) * mean;

/** The index's load with `peers` peers over `HORIZON` seconds. */
export function napsterPoint(peers: number, seed: number): NapsterPoint {
  const rng = new Rng(seed ^ peers);
  const perSecond = new Uint32Array(HORIZON);
  let queries = 0;
  let logins = 0;
  const count = (t: number) => perSecond[Math.floor(t)]!++;
  for (let p = 0; p < peers; p++) {
    let online = rng.next() < SESSION / (SESSION + OFFLINE);
    let t = 0;
    while (t < HORIZON) {
      if (online) {
        const end = t + exp(rng, SESSION);
        for (let q = t + exp(rng, QUERY_INTERVAL); q < end && q < HORIZON;) {
          count(q);
          queries++;
          q += exp(rng, QUERY_INTERVAL);
        }
        if (end < HORIZON) count(end); // logout
        t = end;
      } else {
        t += exp(rng, OFFLINE);
        if (t < HORIZON) {
          count(t); // login with the shared-file list
          logins++;
        }
      }
      online = !online;
    }
  }
  let total = 0;
  let peak = 0;
  for (const c of perSecond) {
    total += c;
    if (c > peak) peak = c;
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    peers,
    mean: round(total / HORIZON),
    peak,
    queries: round(queries / HORIZON),
    logins: round(logins / HORIZON),
  };
}
