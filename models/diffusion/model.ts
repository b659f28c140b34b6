/**
 * A server group for performance: a client, a diffuser and N worker servers. The protocol
 * definition (configurations, variants, the properties it promises); the roles are in
 * client.machine.ts, diffuser.machine.ts (with its logic in diffuser.step.ts) and
 * worker.machine.ts, the diffusion policies in policies.ts.
 *
 * Source: the seed's "Groups to Enhance Performance" (whole requests, answered directly by the
 * worker, or request parts combined by a consolidation mechanism; "Coordination": requests on the
 * same data are ordered). Re-dispatch on timeout and the discarding of late answers after MapReduce
 * (Dean & Ghemawat 2004, section 3.3).
 *
 * Network: FIFO channels that may duplicate messages. Faults: worker crashes (the work in flight
 * to a crashed worker is lost; the diffuser re-dispatches it when its timer fires), slow workers
 * (the diffuser's timer fires early, so the worker's answer arrives late, after a re-dispatch),
 * duplicated messages. The kernel may spend the crash budget on the client or the diffuser (a
 * single point of failure): no-pending-request excuses what that leaves pending.
 */
import * as fc from 'fast-check';
import { z } from 'zod';
import { consolidatedResult } from '../../properties/consolidated-result.ts';
import {
  exactlyOnceAnswer,
  noPendingRequest,
  requestAnswered,
} from '../../properties/exactly-once-answer.ts';
import { partsConsolidated } from '../../properties/parts-consolidated.ts';
import { requestProgress } from '../../properties/request-progress.ts';
import { serialData } from '../../properties/serial-data.ts';
import { defineProtocol, defineRole, type ParamsOf } from '../kernel/define.ts';
import { ceiling, drawn, lengths } from '../kernel/params.ts';
import type { Config, Role, Variant } from '../kernel/protocol.ts';
import { client } from './client.machine.ts';
import { compute } from './computation.ts';
import { diffuser } from './diffuser.machine.ts';
import { diffusionManifest } from './manifest.ts';
import { leastLoaded, machineGuards, requestParts, roundRobin, type Policy } from './policies.ts';
import { worker } from './worker.machine.ts';

/** The client's node index. */
export const CLIENT = 0;
/** The diffuser's node index (it hosts the consolidator). */
export const DIFFUSER = 1;
/** The first worker's node index (workers are nodes 2, 3, …). */
export const FIRST_WORKER = 2;

/** Worker counts: `--nodes` and the generator's range. */
const NODES = {
  min: 1,
  max: 4,
  default: 2,
  param: 'workers',
  counts: 'workers (the client and the diffuser come on top)',
} as const;

/**
 * The range of each parameter (at `n` workers where it depends on it): the generator draws from
 * these, the schema accepts up to their largest value or their `limit` (models/kernel/params.ts).
 */
export const RANGES = {
  workers: { min: NODES.min, max: NODES.max, limit: 8 },
  requests: { min: 1, max: 3, limit: 30 },
  split: { min: 1, max: 3, limit: 8 },
  // At most n - 1: a worker must survive, or the diffuser re-dispatches for ever.
  crashes: (n: number) => ({ min: 0, max: Math.min(n - 1, 2), limit: 7 }),
  timeouts: { min: 0, max: 2, limit: Infinity },
  duplicates: { min: 0, max: 2, limit: Infinity },
} as const;

/** Longest request input the schema accepts. */
const MAX_INPUT = 16;

/** An integer parameter of at least `floor`, at most its range's ceiling, with plain messages. */
function count(range: Parameters<typeof ceiling>[0], floor: number, what: string) {
  const most = ceiling(range, NODES);
  const int = z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(floor, { error: `must be at least ${floor}: ${what}` });
  return most === Infinity ? int : int.max(most, { error: `must be at most ${most}` });
}

const paramsSchema = z
  .strictObject({
    workers: count(RANGES.workers, 1, 'a server group needs a worker'),
    requests: z
      .array(
        z.strictObject({
          input: z
            .string()
            .min(1, { error: 'a request input must not be empty' })
            .max(MAX_INPUT, { error: `a request input has at most ${MAX_INPUT} characters` }),
          key: z.string().min(1, { error: 'a data key must not be empty' }).nullable(),
        }),
      )
      .min(1, { error: 'give at least one request' })
      .max(ceiling(RANGES.requests, NODES), {
        error: `at most ${ceiling(RANGES.requests, NODES)} (the kernel's client inputs)`,
      }),
    split: count(RANGES.split, 1, 'a request is at least one part'),
    crashes: count(RANGES.crashes, 0, 'a budget is never negative'),
    timeouts: count(RANGES.timeouts, 0, 'a budget is never negative'),
    duplicates: count(RANGES.duplicates, 0, 'a budget is never negative'),
  })
  .refine((p) => p.crashes < p.workers, {
    error: 'crashes must be fewer than workers: one worker must survive to answer',
  });

/** Parameters of a diffusion system. */
export type DiffusionParams = ParamsOf<typeof paramsSchema>;

/**
 * Turns parameters into a concrete system: the client, the diffuser, then the workers, over FIFO
 * channels; one client input per request (`r0`, `r1`…).
 */
export function configure(p: DiffusionParams): Config {
  const workers = Array.from({ length: p.workers }, (_, w) => ({
    role: 'worker',
    name: `w${w}`,
    input: {},
  }));
  return {
    network: 'fifo',
    nodes: [
      { role: 'client', name: 'c', input: { diffuser: DIFFUSER } },
      {
        role: 'diffuser',
        name: 'd',
        input: { workers: p.workers, first: FIRST_WORKER, split: p.split },
      },
      ...workers,
    ],
    inputs: p.requests.map(({ input, key }, k) => ({
      node: CLIENT,
      event: { type: 'request', req: `r${k}`, input, key },
    })),
    faults: { crash: p.crashes, timeout: p.timeouts, duplicate: p.duplicates },
  };
}

const clientRole = defineRole(client);
const workerRole = defineRole(worker);
const timer = [{ type: 'timeout' }] as const;

/** The roles with the diffuser running `policy`, its guards further swapped by `swap`. */
function roles(policy: Policy, swap: Parameters<typeof diffuser.provide>[0]['guards'] = {}) {
  const machine = diffuser.provide({ guards: { ...machineGuards(policy.decisions), ...swap } });
  const d: Role = defineRole(machine, { timeouts: timer });
  return { client: clientRole, diffuser: d, worker: workerRole };
}

/** The variants: three correct diffusion policies and the mutants the properties must catch. */
export const variants: readonly Variant[] = [
  {
    name: 'round-robin',
    description:
      'whole requests, each to the next worker in turn; the worker answers the client directly',
    roles: roles(roundRobin),
  },
  {
    name: 'least-loaded',
    description:
      'whole requests, each to the worker with the fewest outstanding parts; answered directly',
    roles: roles(leastLoaded),
  },
  {
    name: 'request-parts',
    description:
      'each request split into parts for the least-loaded workers; the consolidator combines them in order and answers once',
    roles: roles(requestParts),
  },
  {
    name: 'early-consolidation',
    description: 'request parts: the consolidator combines and answers before all parts arrive',
    breaks: 'consolidated-result',
    roles: roles(requestParts, { allPartsIn: () => true }),
  },
  {
    name: 'answer-per-part',
    description:
      'request parts: the consolidator answers the client once per part, not per request',
    breaks: 'consolidated-result',
    roles: roles(requestParts, { answersPerRequest: () => false }),
  },
  {
    name: 'arrival-order',
    description: 'request parts: the consolidator concatenates the parts in arrival order',
    breaks: 'consolidated-result',
    roles: roles(requestParts, { ordersParts: () => false }),
  },
  {
    name: 'parts-keep-late',
    description:
      'request parts: after a re-dispatch, the late answer of the worker presumed dead is consolidated too',
    breaks: 'parts-consolidated',
    roles: roles(requestParts, { isLate: () => false }),
  },
  {
    name: 'client-keeps-late',
    description:
      'whole requests: after a re-dispatch, the client takes the late answer of the worker presumed dead too',
    breaks: 'exactly-once-answer',
    roles: {
      ...roles(roundRobin),
      client: defineRole(client.provide({ guards: { isAnswered: () => false } })),
    },
  },
  {
    name: 'no-coordination',
    description: 'whole requests: requests on the same data item run at once on its old value',
    breaks: 'serial-data',
    roles: roles(roundRobin, { keyBusy: () => false }),
  },
  {
    name: 'no-redispatch',
    description: 'whole requests: the diffuser never re-dispatches the work of a crashed worker',
    breaks: 'no-pending-request',
    roles: roles(roundRobin, { redispatches: () => false }),
  },
  {
    name: 'retries-same-worker',
    description:
      'whole requests: the timer sends an overdue request to the same worker again, not to another: the part of a crashed worker is resent to it forever',
    breaks: 'request-progress',
    roles: roles(roundRobin, { reassigns: () => false }),
  },
];

/** A request as the generator draws it: a short input on one of two data items, or none. */
const request = fc.record({
  input: fc.constantFrom('ab', 'abc', 'a', 'bc'),
  key: fc.constantFrom<string | null>(null, 'x', 'y'),
});

/** The diffusion server group. */
export const diffusionProtocol = defineProtocol({
  name: 'diffusion',
  title: 'A server group for performance: diffusion of requests or request parts, consolidation',
  source:
    'Seed: groups to enhance performance (each server handles a different request, or computes ' +
    'a different part of the result; diffusion and consolidation mechanisms; coordination of ' +
    'requests on the same data). Re-dispatch on timeout and discarding of late answers after ' +
    'MapReduce (Dean & Ghemawat 2004, 3.3). One diffuser hosting the consolidator and the data ' +
    'items; requests on the same item serialized whole; stateless workers; FIFO channels that may ' +
    'duplicate; no recovery. Default: round-robin, the seed’s first architecture.',
  variants,
  properties: [
    exactlyOnceAnswer,
    consolidatedResult(compute),
    partsConsolidated,
    serialData,
    noPendingRequest([CLIENT, DIFFUSER]),
    requestProgress([DIFFUSER]),
    requestAnswered,
  ],
  nodes: NODES,
  defaultRuns: 1000,
  paramsSchema,
  configure,
  manifest: diffusionManifest,
  // Two requests on the same data item (so coordination shows), the first of two characters (so
  // it splits in two), two workers, one crash and one early timer (a slow worker): every mutant
  // shows, and the search stays in the fast tier.
  bounded: (workers) => ({
    workers,
    requests: [
      { input: 'ab', key: 'x' },
      { input: 'c', key: 'x' },
    ],
    split: 2,
    crashes: Math.min(1, workers - 1),
    timeouts: 1,
    duplicates: 1,
  }),
  scenarios: ({ minNodes, maxNodes }) =>
    fc.integer({ min: minNodes, max: maxNodes }).chain((workers) =>
      fc.record({
        workers: fc.constant(workers),
        requests: fc.array(request, lengths(RANGES.requests, workers)),
        split: drawn(RANGES.split, workers),
        crashes: drawn(RANGES.crashes, workers),
        timeouts: drawn(RANGES.timeouts, workers),
        duplicates: drawn(RANGES.duplicates, workers),
      }),
    ),
});
