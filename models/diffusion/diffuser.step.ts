/**
 * The diffuser's logic (diffusion and consolidation): what it does with a request, a worker's
 * `Done` and its timer, one function per event kind, over its JSON context and through the kit's
 * `Effects` (send, observe, ask a named guard). The xstate machine (diffuser.machine.ts) runs each
 * as the named action of its event's transition; the performance simulator (experiments/diffusion/)
 * runs the same functions through `stepDiffuser`, answering the guards with `decide`. See
 * diffuser.machine.ts for the source and the simplifications.
 */
import { match } from 'ts-pattern';
import type { Effects, Outgoing } from '../kernel/step.ts';
import { slices } from './computation.ts';
import type { Answer, DiffuserInput, Done, Request, Timeout, Work } from './messages.ts';

/** A request part dispatched to a worker and not yet returned (a whole request is one part). */
export type Task = {
  readonly req: string;
  readonly part: number;
  readonly parts: number;
  readonly slice: string;
  readonly base: string;
  readonly key: string | null;
  readonly client: number;
  readonly direct: boolean;
  /** The worker it is dispatched to (0-based: node `first + worker`). */
  readonly worker: number;
};

/** A part's result, as it arrived at the consolidator. */
export type PartResult = { readonly part: number; readonly result: string };

/** A split request being consolidated: the parts that have arrived, in arrival order. */
export type Gathering = {
  readonly req: string;
  readonly key: string | null;
  readonly client: number;
  readonly parts: number;
  readonly got: readonly PartResult[];
};

/** A request waiting for the data item it touches (a request on the same key is running). */
export type Waiting = {
  readonly req: string;
  readonly input: string;
  readonly key: string | null;
  readonly client: number;
};

/** A data item's current value. */
export type Item = { readonly key: string; readonly value: string };

/** The diffuser's state. */
export interface DiffuserContext {
  /** Number of workers. */
  readonly workers: number;
  /** The first worker's node index. */
  readonly first: number;
  /** Into how many parts a request is split (request-parts mode). */
  readonly split: number;
  /** The round-robin pointer: the worker after the last one chosen. */
  readonly next: number;
  /** Parts dispatched and not yet returned. */
  readonly tasks: readonly Task[];
  /** Split requests being consolidated. */
  readonly gathering: readonly Gathering[];
  /** Requests queued behind a running request on the same data item, in arrival order. */
  readonly waiting: readonly Waiting[];
  /** Requests finished (answered by a worker, or consolidated and answered). */
  readonly done: readonly string[];
  /** The data items' values (each key once, in first-write order). */
  readonly store: readonly Item[];
  /** Workers presumed dead (a timeout fired on their work); a late `Done` clears one. */
  readonly suspects: readonly number[];
}

/** What the diffuser sends. */
export type DiffuserSend = Outgoing<Work | Answer>;

/** Every event the diffuser takes. */
export type DiffuserEvent = Request | Done | Timeout;

/** What the diffuser asks each named guard about (a policy or a mutant swaps one guard). */
export interface DiffuserGuardParams {
  /** A request starts: split it into parts (request-parts mode) or hand it out whole? */
  readonly splits: { readonly req: string };
  /** Choosing a worker: is `candidate` better than `best`, given each worker's outstanding parts? */
  readonly prefers: {
    readonly candidate: number;
    readonly best: number;
    readonly loads: readonly number[];
    readonly next: number;
    readonly workers: number;
  };
  /**
   * A request on `key` arrives or may start: must it wait for the data item? `busy` says whether a
   * request on the same item is running, as the step sees it (a guard asked from inside a step sees
   * only the context before it, so every fact that the step changes is handed to it).
   */
  readonly keyBusy: { readonly key: string; readonly busy: boolean };
  /** A `Done` arrives: is it late (its part no longer `outstanding`: answered or duplicated)? */
  readonly isLate: { readonly req: string; readonly part: number; readonly outstanding: boolean };
  /** A part was consolidated: have all parts of the request arrived? */
  readonly allPartsIn: { readonly got: number; readonly parts: number };
  /** Consolidating: answer once per request (rather than once per part)? */
  readonly answersPerRequest: { readonly req: string };
  /** Combining: concatenate the parts in part order (rather than in arrival order)? */
  readonly ordersParts: { readonly req: string };
  /** The timer fired: is this part overdue (the model: every outstanding part is)? */
  readonly overdue: { readonly req: string; readonly part: number; readonly worker: number };
  /**
   * An overdue part is re-dispatched: does it go to another worker (rather than to `worker`, the
   * one presumed dead, again)?
   */
  readonly reassigns: { readonly req: string; readonly part: number; readonly worker: number };
}

/** The guards the diffuser logic asks by name. */
export type DiffuserGuard = keyof DiffuserGuardParams;

/** The effects the diffuser logic works through: the kit's `Effects` for this role. */
export type DiffuserEffects = Effects<DiffuserSend, DiffuserGuard>;

/** A decision: the correct diffuser's answer to one guard, from what the step hands it. */
export type Decision<G extends DiffuserGuard> = (params: DiffuserGuardParams[G]) => boolean;

/** A full set of decisions, one per guard. */
export type Decisions = { readonly [G in DiffuserGuard]: Decision<G> };

/** Position of worker `w` in the round-robin cycle that starts at `next`. */
export function cyclic(w: number, next: number, workers: number): number {
  return (w - next + workers) % workers;
}

/**
 * The correct diffuser's decisions for whole requests handed out round-robin; policies.ts swaps
 * `splits` and `prefers` for the other modes.
 */
export const decisions: Decisions = {
  splits: () => false,
  prefers: ({ candidate, best, next, workers }) =>
    cyclic(candidate, next, workers) < cyclic(best, next, workers),
  keyBusy: ({ busy }) => busy,
  isLate: ({ outstanding }) => !outstanding,
  allPartsIn: ({ got, parts }) => got >= parts,
  answersPerRequest: () => true,
  ordersParts: () => true,
  overdue: () => true,
  reassigns: () => true,
};

/** The initial context from the machine input. */
export function initialDiffuser(input: DiffuserInput): DiffuserContext {
  return {
    workers: input.workers,
    first: input.first,
    split: input.split,
    next: 0,
    tasks: [],
    gathering: [],
    waiting: [],
    done: [],
    store: [],
    suspects: [],
  };
}

/** The value of data item `key` (`''` before its first write, and for a pure request). */
export function valueOf(store: readonly Item[], key: string | null): string {
  return key === null ? '' : (store.find((i) => i.key === key)?.value ?? '');
}

function withValue(store: readonly Item[], key: string, value: string): Item[] {
  return store.some((i) => i.key === key)
    ? store.map((i) => (i.key === key ? { key, value } : i))
    : [...store, { key, value }];
}

/** Outstanding parts per worker. */
export function loadsOf(context: DiffuserContext): number[] {
  const loads = Array.from({ length: context.workers }, () => 0);
  for (const t of context.tasks) loads[t.worker] = (loads[t.worker] ?? 0) + 1;
  return loads;
}

/** Whether a request on data item `key` is running (dispatched, or being consolidated). */
export function busyKey(c: DiffuserContext, key: string): boolean {
  return c.tasks.some((t) => t.key === key) || c.gathering.some((g) => g.key === key);
}

/** Whether `req` is already known here: running, queued, being consolidated or finished. */
export function isKnown(context: DiffuserContext, req: string): boolean {
  return (
    context.done.includes(req) ||
    context.tasks.some((t) => t.req === req) ||
    context.gathering.some((g) => g.req === req) ||
    context.waiting.some((w) => w.req === req)
  );
}

/**
 * The worker for a part: among those not presumed dead and not `exclude` (the one a re-dispatched
 * part leaves), else among all but `exclude`, else all; the best by the `prefers` guard.
 */
function choose(
  c: DiffuserContext,
  loads: readonly number[],
  exclude: number,
  out: DiffuserEffects,
): number {
  const all = Array.from({ length: c.workers }, (_, w) => w);
  const others = all.filter((w) => w !== exclude);
  const trusted = others.filter((w) => !c.suspects.includes(w));
  const candidates = trusted.length > 0 ? trusted : others.length > 0 ? others : all;
  let best = candidates[0]!;
  for (const candidate of candidates.slice(1)) {
    const params = { candidate, best, loads, next: c.next, workers: c.workers };
    if (out.check('prefers', params)) best = candidate;
  }
  return best;
}

function workOf(t: Task): Outgoing<Work> {
  const { req, part, parts, slice, base, client, direct } = t;
  return { type: 'Work', req, part, parts, slice, base, client, direct };
}

/** Starts request `r`: splits it or not, and dispatches each part to a worker. */
function start(c: DiffuserContext, r: Waiting, out: DiffuserEffects): DiffuserContext {
  const direct = !out.check('splits', { req: r.req });
  const pieces = direct ? [r.input] : slices(r.input, c.split);
  const base = direct ? valueOf(c.store, r.key) : '';
  const loads = loadsOf(c);
  const tasks = [...c.tasks];
  let next = c.next;
  for (const [part, slice] of pieces.entries()) {
    const worker = choose({ ...c, next }, loads, -1, out);
    loads[worker]!++;
    next = (worker + 1) % c.workers;
    const { req, key, client } = r;
    const task: Task = {
      req,
      part,
      parts: pieces.length,
      slice,
      base,
      key,
      client,
      direct,
      worker,
    };
    tasks.push(task);
    out.send(c.first + worker, workOf(task));
  }
  const gathering = direct
    ? c.gathering
    : [...c.gathering, { req: r.req, key: r.key, client: r.client, parts: pieces.length, got: [] }];
  return { ...c, next, tasks, gathering };
}

/**
 * `req` is finished (with `value` for its data item `key`): records it, and starts the requests
 * queued behind it whose data item is now free, in arrival order.
 */
function finish(
  c: DiffuserContext,
  req: string,
  key: string | null,
  value: string,
  out: DiffuserEffects,
): DiffuserContext {
  let next: DiffuserContext = {
    ...c,
    done: [...c.done, req],
    store: key === null ? c.store : withValue(c.store, key, value),
  };
  for (const w of c.waiting) {
    if (w.key !== null && out.check('keyBusy', { key: w.key, busy: busyKey(next, w.key) })) {
      continue;
    }
    next = start({ ...next, waiting: next.waiting.filter((x) => x.req !== w.req) }, w, out);
  }
  return next;
}

/** A client's request: ignored if known, queued behind its data item if busy, else started. */
export function acceptRequest(
  c: DiffuserContext,
  e: Request,
  out: DiffuserEffects,
): DiffuserContext {
  if (isKnown(c, e.req)) return c;
  const r: Waiting = { req: e.req, input: e.input, key: e.key, client: e.from };
  if (e.key !== null && out.check('keyBusy', { key: e.key, busy: busyKey(c, e.key) })) {
    return { ...c, waiting: [...c.waiting, r] };
  }
  return start(c, r, out);
}

/**
 * A worker's `Done`: the worker is alive (no longer suspected); a late or duplicated answer is
 * discarded; a whole request is finished (its worker answered the client); a part is consolidated,
 * and once all parts are in they are combined in part order and the client is answered once.
 */
export function takeDone(c: DiffuserContext, e: Done, out: DiffuserEffects): DiffuserContext {
  const worker = e.from - c.first;
  const alive = { ...c, suspects: c.suspects.filter((w) => w !== worker) };
  const task = c.tasks.find((t) => t.req === e.req && t.part === e.part);
  const late = { req: e.req, part: e.part, outstanding: task !== undefined };
  if (out.check('isLate', late)) return alive;
  const rest = {
    ...alive,
    tasks: alive.tasks.filter((t) => !(t.req === e.req && t.part === e.part)),
  };
  if (e.direct) return task === undefined ? rest : finish(rest, e.req, task.key, e.result, out);
  const g = rest.gathering.find((x) => x.req === e.req);
  out.observe('consolidate', { req: e.req, part: e.part, of: e.parts });
  if (g === undefined) return rest;
  const got = [...g.got, { part: e.part, result: e.result }];
  const base = valueOf(rest.store, g.key);
  if (!out.check('answersPerRequest', { req: e.req })) {
    out.send(g.client, { type: 'Answer', req: e.req, result: base + e.result });
  }
  if (!out.check('allPartsIn', { got: got.length, parts: g.parts })) {
    return { ...rest, gathering: rest.gathering.map((x) => (x.req === e.req ? { ...x, got } : x)) };
  }
  const ordered = out.check('ordersParts', { req: e.req })
    ? [...got].sort((a, b) => a.part - b.part)
    : got;
  const value = base + ordered.map((p) => p.result).join('');
  if (out.check('answersPerRequest', { req: e.req })) {
    out.send(g.client, { type: 'Answer', req: e.req, result: value });
  }
  const gathering = rest.gathering.filter((x) => x.req !== e.req);
  return finish({ ...rest, gathering }, e.req, g.key, value, out);
}

/**
 * The timer: every overdue part's worker is presumed dead, and the part is dispatched again to
 * another worker (`reassigns`; a late answer from the first one is then discarded by `isLate`).
 */
export function redispatch(c: DiffuserContext, out: DiffuserEffects): DiffuserContext {
  const loads = loadsOf(c);
  let suspects = c.suspects;
  let next = c.next;
  const tasks = c.tasks.map((t) => {
    const which = { req: t.req, part: t.part, worker: t.worker };
    if (!out.check('overdue', which)) return t;
    if (!suspects.includes(t.worker)) suspects = [...suspects, t.worker];
    loads[t.worker]!--;
    const worker = out.check('reassigns', which)
      ? choose({ ...c, suspects, next }, loads, t.worker, out)
      : t.worker;
    loads[worker]!++;
    next = (worker + 1) % c.workers;
    const moved = { ...t, worker };
    out.send(c.first + worker, workOf(moved));
    return moved;
  });
  return { ...c, tasks, suspects, next };
}

/** Whether the diffuser has parts outstanding (the timer is armed only then). */
export function hasOutstanding(c: DiffuserContext): boolean {
  return c.tasks.length > 0;
}

/**
 * One event at the diffuser, as the machine's transitions route it (for runners outside xstate):
 * the timer does something only with parts outstanding and `redispatches` granted.
 */
export function stepDiffuser(
  c: DiffuserContext,
  e: DiffuserEvent,
  out: DiffuserEffects,
  redispatches = true,
): DiffuserContext {
  return match(e)
    .with({ type: 'Request' }, (r) => acceptRequest(c, r, out))
    .with({ type: 'Done' }, (d) => takeDone(c, d, out))
    .with({ type: 'timeout' }, () => (redispatches && hasOutstanding(c) ? redispatch(c, out) : c))
    .exhaustive();
}

/** The answer to guard `guard` asked with `params`, by the decisions `table`. */
export function decide<G extends DiffuserGuard>(
  table: Decisions,
  guard: G,
  params: object,
): boolean {
  return (table[guard] as Decision<G>)(params as DiffuserGuardParams[G]);
}
