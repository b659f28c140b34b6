/**
 * A deterministic discrete-event simulator of the diffusion server group: the model's own diffuser
 * logic (`stepDiffuser`, models/diffusion/diffuser.step.ts, with a policy's decisions) and worker
 * logic (`serve`, models/diffusion/worker.machine.ts), over timed messages, workers that queue
 * their work, run slow or crash and restart, and a diffuser timer per dispatched part. The one
 * guard answered differently from the model is `overdue`: here a part is overdue once its deadline
 * (a multiple of the work queued at its worker when it was dispatched) has passed, where the model
 * treats every outstanding part as overdue when its timer fires.
 */
import { compute } from '../../models/diffusion/computation.ts';
import {
  decide,
  initialDiffuser,
  stepDiffuser,
  type DiffuserContext,
  type DiffuserEffects,
  type DiffuserEvent,
  type DiffuserGuard,
  type DiffuserSend,
} from '../../models/diffusion/diffuser.step.ts';
import type { Answer, Work } from '../../models/diffusion/messages.ts';
import type { Policy } from '../../models/diffusion/policies.ts';
import { serve } from '../../models/diffusion/worker.machine.ts';
import { EventQueue } from './events.ts';

/** One simulated run's setting. */
export interface SimSetting {
  /** The diffusion policy (its decision table; `request-parts` splits every request). */
  readonly policy: Policy;
  /** The requests' inputs, all issued at time 0 (pure requests: no data item). */
  readonly requests: readonly string[];
  /** Into how many parts a request is split (request-parts mode). */
  readonly split: number;
  /** Each worker's slowness: how many times longer its work takes (1: normal). */
  readonly slowness: readonly number[];
  /** Each worker's crash times, increasing. */
  readonly crashes: readonly (readonly number[])[];
  /** How long a crashed worker stays down before it restarts, empty. */
  readonly repair: number;
  /** One-way message latency. */
  readonly latency: number;
  /** A worker's fixed cost per part (set-up), on top of one unit per item. */
  readonly startup: number;
  /** A part is overdue after this many times the work queued at its worker when dispatched. */
  readonly timeoutFactor: number;
}

/** What one run measured. */
export interface SimResult {
  /** When the last request was answered. */
  readonly makespan: number;
  /** Parts dispatched again after a timeout. */
  readonly redispatches: number;
  /** Answers the client discarded (late or duplicated). */
  readonly lateAnswers: number;
}

const CLIENT = 0;
const DIFFUSER = 1;
const FIRST = 2;

type SimEvent =
  | { readonly kind: 'deliver'; readonly to: number; readonly msg: DiffuserEvent | Work | Answer }
  | { readonly kind: 'finish'; readonly worker: number; readonly epoch: number }
  | { readonly kind: 'crash'; readonly worker: number }
  | { readonly kind: 'restart'; readonly worker: number }
  | { readonly kind: 'timer' };

interface WorkerState {
  up: boolean;
  epoch: number;
  busy: boolean;
  readonly queue: Work[];
}

/** The serial baseline: one worker computes every request in turn, with no network and no fault. */
export function serialTime(requests: readonly string[], startup: number): number {
  return requests.reduce((sum, r) => sum + startup + r.length, 0);
}

/** Runs the setting until every request is answered; throws if a result differs from `compute`. */
export function simulate(s: SimSetting): SimResult {
  const workers = s.slowness.length;
  const queue = new EventQueue<SimEvent>();
  const state: WorkerState[] = s.slowness.map(() => ({
    up: true,
    epoch: 0,
    busy: false,
    queue: [],
  }));
  const deadlines = new Map<string, number>();
  const answered = new Set<string>();
  let now = 0;
  let last = 0;
  let redispatches = 0;
  let lateAnswers = 0;
  let diffuser: DiffuserContext = initialDiffuser({ workers, first: FIRST, split: s.split });

  const cost = (w: { slice: string }) => s.startup + w.slice.length;
  const deliver = (to: number, msg: DiffuserEvent | Work | Answer) =>
    queue.push(now + s.latency, { kind: 'deliver', to, msg });

  const effects: DiffuserEffects = {
    send(to: number | readonly number[], msg: DiffuserSend): void {
      for (const node of typeof to === 'number' ? [to] : to) {
        if (msg.type === 'Work') {
          const worker = node - FIRST;
          const queued = diffuser.tasks
            .filter((t) => t.worker === worker)
            .reduce((sum, t) => sum + cost(t), cost(msg));
          const id = `${msg.req}/${msg.part}`;
          if (deadlines.has(id)) redispatches++;
          const deadline = now + s.timeoutFactor * (2 * s.latency + queued);
          deadlines.set(id, deadline);
          queue.push(deadline, { kind: 'timer' });
        }
        deliver(node, { ...msg, from: DIFFUSER });
      }
    },
    observe(): void {},
    check(guard: DiffuserGuard, params: object = {}): boolean {
      if (guard !== 'overdue') return decide(s.policy.decisions, guard, params);
      const { req, part } = params as { req: string; part: number };
      return (deadlines.get(`${req}/${part}`) ?? Infinity) <= now;
    },
  };

  const startNext = (w: number) => {
    const ws = state[w]!;
    const work = ws.queue[0];
    if (!ws.up || ws.busy || work === undefined) return;
    ws.busy = true;
    queue.push(now + cost(work) * s.slowness[w]!, { kind: 'finish', worker: w, epoch: ws.epoch });
  };

  const answer = (msg: Answer) => {
    if (answered.has(msg.req)) {
      lateAnswers++;
      return;
    }
    const input = s.requests[Number(msg.req.slice(1))]!;
    if (msg.result !== compute(input)) {
      throw new Error(`${msg.req} answered "${msg.result}", not "${compute(input)}"`);
    }
    answered.add(msg.req);
    last = now;
  };

  for (const [w, times] of s.crashes.entries()) {
    for (const t of times) queue.push(t, { kind: 'crash', worker: w });
  }
  for (const [k, input] of s.requests.entries()) {
    deliver(DIFFUSER, { type: 'Request', req: `r${k}`, input, key: null, from: CLIENT });
  }

  while (answered.size < s.requests.length) {
    const next = queue.pop();
    if (next === undefined) throw new Error('the simulation stopped with requests pending');
    now = next.time;
    const e = next.event;
    if (e.kind === 'timer') {
      diffuser = stepDiffuser(diffuser, { type: 'timeout' }, effects);
    } else if (e.kind === 'crash') {
      const ws = state[e.worker]!;
      if (!ws.up) continue;
      Object.assign(ws, { up: false, busy: false, epoch: ws.epoch + 1 });
      ws.queue.length = 0;
      queue.push(now + s.repair, { kind: 'restart', worker: e.worker });
    } else if (e.kind === 'restart') {
      state[e.worker]!.up = true;
    } else if (e.kind === 'finish') {
      const ws = state[e.worker]!;
      if (!ws.up || ws.epoch !== e.epoch) continue;
      const work = ws.queue.shift()!;
      ws.busy = false;
      serve(work, { send: (to, msg) => deliver(to, { ...msg, from: FIRST + e.worker }) });
      startNext(e.worker);
    } else if (e.to === CLIENT) {
      if (e.msg.type === 'Answer') answer(e.msg);
    } else if (e.to === DIFFUSER) {
      if (e.msg.type !== 'Work' && e.msg.type !== 'Answer') {
        diffuser = stepDiffuser(diffuser, e.msg, effects);
      }
    } else {
      const w = e.to - FIRST;
      if (!state[w]!.up || e.msg.type !== 'Work') continue;
      state[w]!.queue.push(e.msg);
      startNext(w);
    }
  }
  return { makespan: last, redispatches, lateAnswers };
}
