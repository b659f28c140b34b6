/**
 * Enhancement: k random walkers (the seed: "random walk - trades response time for bandwidth
 * efficiency - can be biased towards well connected nodes - can use parallel walks"; Lv, Cao,
 * Cohen, Li, Shenker, "Search and Replication in Unstructured Peer-to-Peer Networks", ICS 2002,
 * section 4.2). A search sends `k` walkers (the `walkers` parameter), each a Query with its own
 * GUID and the search's TTL as its bound on steps. A servent holding a walker passes it to ONE
 * neighbour, other than the one it came from where it has another: the world chooses which (the
 * role's `walk {to}` choices, so both engines explore every neighbour; uniform), or, in the
 * degree-biased variant, one of the best-connected of those neighbours (the `prefersHubs` guard,
 * reading each neighbour's degree at the start from the input). Should the world not choose before
 * everything else is quiet, a timer (`walk-on`) sends the walker to the first candidate, so every
 * run ends with no walker parked.
 *
 * A servent takes on a walker's GUID once (its route stays the first one, so a QueryHit goes back
 * along the reverse path as in flooding) and answers it if it shares the key; a walker stops at a
 * hit, when its TTL is spent, and when its requester says so: every `checkEvery` steps the
 * servent holding it asks the requester directly (`WalkCheck`, as Lv et al.'s walkers "check
 * back") and walks on only if the answer (`WalkAnswer {go}`) says no hit has come yet. A walker
 * revisiting a servent walks on (Lv et al.'s walkers keep no state), unanswered the second time.
 * A walker that comes back to a requester that left and joined again since (and forgot the
 * search) is answered there, without a message: stop (`walk-end {why: 'forgotten'}`).
 *
 * Observations besides the servent's: `walkers {search, key, ttl, checkEvery, guids}` when a search
 * starts; `route` (with `to` empty) when a servent takes a walker on; `walk {guid, from, ttl, hops,
 * to}` for each step (the TTL and Hops it is sent with); `check {guid, to}` and `answer {guid, go,
 * to}`; `walk-end {guid, why}` when a walker stops (properties/random-walk.ts).
 *
 * With flow control (`walkMachine({ flow: true })`, the `flow-control` variant; flow-control.ts):
 * `walk` also carries `credit` (the tokens granted per connection), `credited {from}` when a token
 * owed comes back, `queued {guid, hops, bound}` when a received walker joins the queue, and
 * `walk-end {why: 'dropped'}` or `'no-credit'` (properties/flow-control.ts, walkers-end.ts).
 */
import { and, setup } from 'xstate';
import { roleKit, type Effects, type Outgoing } from '../kernel/step.ts';
import {
  closed,
  creditLeft,
  enqueue,
  freshFlow,
  returned,
  spend,
  type Credit,
  type FlowState,
} from './flow-control.ts';
import { serventGuards } from './servent-guards.ts';
import type { Query, SearchEvent, ServentEvent, ServentInput } from './messages.ts';
import {
  acceptConnect,
  connected,
  disconnected,
  freshContext,
  JsonState,
  leave,
  ORIGIN,
  originOf,
  ping,
  receivePing,
  receivePong,
  receivePush,
  receiveQueryHit,
  replyTtl,
  start,
  type Handler,
  type ServentContext,
  type ServentGuard,
  type ServentSend,
} from './servent-logic.ts';

/** A walker held by a servent: what it will be sent with, and the connection it came on. */
export interface Walker {
  readonly guid: string;
  readonly key: string;
  readonly ttl: number;
  readonly hops: number;
  readonly from: number;
}

/** A search this servent started: its walkers' GUIDs and whether a hit has come back. */
export interface Walk {
  readonly search: string;
  readonly guids: readonly string[];
  readonly found: boolean;
}

/** The random-walk servent's state: the plain servent's, its walkers and its searches. */
export type WalkContext = ServentContext & {
  readonly k: number;
  readonly checkEvery: number;
  readonly degrees: readonly (readonly [number, number])[];
  /** Walkers waiting for the world to choose their next servent, in arrival order. */
  readonly parked: readonly Walker[];
  /** Walkers waiting for their requester's answer. */
  readonly waiting: readonly Walker[];
  readonly walks: readonly Walk[];
  /** Flow control (flow-control.ts), in the flow-control variant only. */
  readonly flow?: FlowState;
};

/** The world's choice: the first parked walker goes to neighbour `to`. */
export interface WalkChoice {
  readonly type: 'walk';
  readonly to: number;
  readonly from: number;
}

/** The timer: nothing else left to do, the first parked walker goes to its first candidate. */
export interface WalkOn {
  readonly type: 'walk-on';
  readonly from: number;
}

/** A servent holding walker `guid` asks its requester whether to go on. */
export interface WalkCheck {
  readonly type: 'WalkCheck';
  readonly guid: string;
  readonly from: number;
}

/** The requester's answer: `go` while no hit for the walker's search has come back. */
export interface WalkAnswer {
  readonly type: 'WalkAnswer';
  readonly guid: string;
  readonly go: boolean;
  readonly from: number;
}

/** The messages walkers add (`Credit` with flow control). */
type WalkMessage = WalkCheck | WalkAnswer | Credit;

/** The guards the walker asks besides the servent's. */
type WalkGuard = ServentGuard | 'obeysCheck' | 'hasCredit' | 'returnsCredit';

const kit = roleKit<{
  context: WalkContext;
  events: ServentEvent | WalkMessage | WalkChoice | WalkOn;
  sends: ServentSend | Outgoing<WalkMessage>;
  guards: WalkGuard;
  input: ServentInput;
}>();

/** The most servents a walk may choose among (choices are declared per neighbour index). */
export const WALK_TARGETS = 8;

/** The choices of the random-walk role: one per servent a walker may go to. */
export const walkChoices: readonly { readonly type: 'walk'; readonly to: number }[] = Array.from(
  { length: WALK_TARGETS },
  (_, to) => ({ type: 'walk', to }),
);

/**
 * The servents walker `w` may go to: the neighbours but the one it came from (all of them if
 * that is the only one); with `hubs`, only the best-connected of those.
 */
export function candidates(
  neighbours: readonly number[],
  degrees: readonly (readonly [number, number])[],
  w: Pick<Walker, 'from'>,
  hubs: boolean,
): number[] {
  const others = neighbours.filter((n) => n !== w.from);
  const pool = others.length > 0 ? others : [...neighbours];
  if (!hubs) return pool;
  const degree = (n: number) => degrees.find(([m]) => m === n)?.[1] ?? 1;
  const best = Math.max(...pool.map(degree));
  return pool.filter((n) => degree(n) === best);
}

/** A plain servent handler as an action over the walker context. */
function act<K extends ServentEvent['type']>(kind: K, logic: Handler<K>) {
  return kit.on(kind, ({ context, event, out }) => {
    const state = new JsonState(context);
    logic(state, event, out);
    return state.changes();
  });
}

/** The search a walker GUID belongs to, at its requester. */
const walkOf = (c: WalkContext, guid: string): Walk | undefined =>
  c.walks.find((w) => w.guids.includes(guid));

const common = {
  ping: { actions: 'ping' },
  Ping: { actions: 'receivePing' },
  Pong: { actions: 'receivePong' },
  Query: { actions: 'takeWalker' },
  QueryHit: { actions: ['receiveQueryHit', 'noteHit'] },
  Push: { actions: 'receivePush' },
  Connect: { actions: 'acceptConnect' },
  Disconnect: { actions: 'disconnected' },
  leave: { actions: 'leave' },
  search: { actions: 'launch' },
  WalkCheck: { actions: 'answerCheck' },
  WalkAnswer: { actions: 'takeAnswer' },
  walk: { guard: 'canWalk', actions: 'walk' },
  'walk-on': { guard: 'hasParked', actions: 'walkOn' },
} as const;

/**
 * With flow control: returned tokens, and a world's choice taken only towards a neighbour whose
 * token the servent holds.
 */
const flowing = {
  ...common,
  Credit: { actions: 'takeCredit' },
  walk: { guard: and(['canWalk', 'hasCredit']), actions: 'walk' },
} as const;

/** The effects a walker step writes to. */
type Out = Effects<ServentSend | Outgoing<WalkMessage>, WalkGuard>;

/**
 * Sends the first parked walker to `to` (its `from` a candidate: the caller checked), spending a
 * token from `to` under flow control.
 */
function step(context: WalkContext, to: number, out: Out) {
  const [w, ...rest] = context.parked;
  if (w === undefined) return;
  const { guid, key, ttl, hops, from } = w;
  const { flow } = context;
  const fields = { guid, from, ttl, hops, checkEvery: context.checkEvery };
  out.observe(
    'walk',
    flow === undefined ? { ...fields, to: [to] } : { ...fields, credit: flow.grant, to: [to] },
  );
  out.send(to, { type: 'Query', guid, ttl, hops, key });
  return flow === undefined ? { parked: rest } : { parked: rest, flow: spend(flow, to) };
}

/**
 * Parks walker `w` for the world's choice (under flow control in the bounded queue, dropping the
 * walker with the most Hops when it is full), or, with one candidate only (a choice the world
 * cannot make otherwise) whose token it holds, sends it there at once. Returns what changed.
 */
function parkWith(hubs: boolean) {
  return (
    context: WalkContext,
    w: Walker,
    out: Out,
  ): { parked: readonly Walker[]; flow?: FlowState } => {
    const only = candidates(context.neighbours, context.degrees, w, hubs);
    const go = only.length === 1 && context.parked.length === 0 ? only[0]! : undefined;
    if (go !== undefined && (context.flow === undefined || out.check('hasCredit', { peer: go }))) {
      const sent = step({ ...context, parked: [w] }, go, out)!;
      return { ...sent, parked: context.parked };
    }
    if (context.flow === undefined) return { parked: [...context.parked, w] };
    const { parked, dropped } = enqueue(context.parked, w, context.flow.bound);
    if (dropped !== null) {
      out.observe('walk-end', { guid: dropped.guid, why: 'dropped', hops: dropped.hops });
    }
    if (dropped !== w && w.from !== ORIGIN) {
      out.observe('queued', { guid: w.guid, hops: w.hops, bound: context.flow.bound });
    }
    return { parked };
  };
}

/** How a walker servent walks: biased towards hubs, and with flow control. */
export interface WalkOptions {
  readonly hubs: boolean;
  readonly flow: boolean;
}

/**
 * The random-walk servent: uniform, or with `hubs` degree-biased (a walker goes only to the
 * best-connected of its candidates); with `flow`, under token-based flow control (flow-control.ts).
 */
export function walkMachine({ hubs, flow }: WalkOptions) {
  const park = parkWith(hubs);
  const on = flow ? flowing : common;
  return setup({
    types: kit.types,
    actions: {
      ...kit.effects,
      start: kit.step(({ context, out }) => {
        const state = new JsonState(context);
        start(state, out);
        return state.changes();
      }),
      ping: act('ping', ping),
      receivePing: act('Ping', receivePing),
      receivePong: act('Pong', receivePong),
      receiveQueryHit: act('QueryHit', receiveQueryHit),
      receivePush: act('Push', receivePush),
      acceptConnect: act('Connect', acceptConnect),
      connected: act('ConnectOk', connected),
      disconnected: kit.on('Disconnect', ({ context, event, out }) => {
        const state = new JsonState(context);
        disconnected(state, event, out);
        const f = context.flow;
        return f === undefined
          ? state.changes()
          : { ...state.changes(), flow: closed(f, event.from) };
      }),
      leave: act('leave', leave),
      launch: kit.on('search', ({ context, event, out }) => {
        const e: SearchEvent = event;
        const state = new JsonState(context);
        const walkers: Walker[] = [];
        for (let i = 0; i < context.k; i++) {
          const guid = state.nextGuid();
          state.markRoute(guid, 'Query', ORIGIN);
          walkers.push({ guid, key: e.key, ttl: e.ttl, hops: 0, from: ORIGIN });
        }
        const guids = walkers.map((w) => w.guid);
        out.observe('walkers', {
          search: e.id,
          key: e.key,
          ttl: e.ttl,
          checkEvery: context.checkEvery,
          guids,
        });
        return {
          ...state.changes(),
          parked: [...context.parked, ...walkers],
          walks: [...context.walks, { search: e.id, guids, found: false }],
        };
      }),
      takeWalker: kit.on('Query', ({ context, event, out }) => {
        const e: Query = event;
        if (context.flow !== undefined && out.check('returnsCredit', { type: 'Query' })) {
          out.send(e.from, { type: 'Credit' });
        }
        const state = new JsonState(context);
        const back = state.routeOf(e.guid, 'Query');
        const ttl = e.ttl - 1;
        const hops = e.hops + 1;
        const end = (why: string) => {
          out.observe('walk-end', { guid: e.guid, why });
          return state.changes();
        };
        if (back === undefined) {
          state.markRoute(e.guid, 'Query', e.from);
          out.observe('route', {
            guid: e.guid,
            type: 'Query',
            from: e.from,
            ttl: e.ttl,
            hops: e.hops,
            sentTtl: ttl,
            sentHops: hops,
            to: [],
          });
          if (state.shares(e.key)) {
            const reply = replyTtl(e.hops);
            out.observe('reply', { guid: e.guid, type: 'QueryHit', to: e.from, ttl: reply });
            out.send(e.from, {
              type: 'QueryHit',
              guid: e.guid,
              ttl: reply,
              hops: 0,
              key: e.key,
              servent: state.self,
              firewalled: state.firewalled,
            });
            return end('hit');
          }
        }
        if (ttl <= 0) return end('ttl');
        const w: Walker = { guid: e.guid, key: e.key, ttl, hops, from: e.from };
        if (back === ORIGIN) {
          // Back at its requester, which knows whether to go on.
          if (walkOf(context, e.guid)?.found === true) return end('found');
          return { ...state.changes(), ...park(context, w, out) };
        }
        if (hops % context.checkEvery !== 0) {
          return { ...state.changes(), ...park(context, w, out) };
        }
        const requester = originOf(e.guid);
        if (requester === context.self) {
          // Its own walker, routed here as anyone's: this servent left and joined again since it
          // sent it, and forgot the search. It asks itself, not by a message (a servent has no
          // link to itself), and the answer is stop, as it would tell any servent that asked.
          out.observe('answered', { guid: e.guid, go: false });
          if (out.check('obeysCheck', { guid: e.guid })) return end('forgotten');
          return { ...state.changes(), ...park(context, w, out) };
        }
        out.observe('check', { guid: e.guid, to: requester });
        out.send(requester, { type: 'WalkCheck', guid: e.guid });
        return { ...state.changes(), waiting: [...context.waiting, w] };
      }),
      takeCredit: kit.on('Credit', ({ context, event, out }) => {
        if (context.flow === undefined) return;
        const flow = returned(context.flow, event.from);
        if (flow !== null) out.observe('credited', { from: event.from });
        if (out.check('returnsCredit', { type: 'Credit' })) {
          out.send(event.from, { type: 'Credit' });
        }
        return flow === null ? undefined : { flow };
      }),
      answerCheck: kit.on('WalkCheck', ({ context, event, out }) => {
        const walk = walkOf(context, event.guid);
        if (walk === undefined) return;
        const go = !walk.found;
        out.observe('answer', { guid: event.guid, go, to: event.from });
        out.send(event.from, { type: 'WalkAnswer', guid: event.guid, go });
      }),
      takeAnswer: kit.on('WalkAnswer', ({ context, event, out }) => {
        const w = context.waiting.find((x) => x.guid === event.guid);
        if (w === undefined) return;
        const waiting = context.waiting.filter((x) => x !== w);
        out.observe('answered', { guid: event.guid, go: event.go });
        if (!event.go && out.check('obeysCheck', { guid: event.guid })) {
          out.observe('walk-end', { guid: event.guid, why: 'found' });
          return { waiting };
        }
        return { waiting, ...park(context, w, out) };
      }),
      noteHit: kit.on('QueryHit', ({ context, event, out }) => {
        const walk = walkOf(context, event.guid);
        if (walk === undefined || walk.found) return;
        // Walkers of the search still parked here, at their requester, stop at once.
        const stopped = context.parked.filter((w) => walk.guids.includes(w.guid));
        for (const w of stopped) out.observe('walk-end', { guid: w.guid, why: 'found' });
        return {
          walks: context.walks.map((w) => (w === walk ? { ...w, found: true } : w)),
          parked: context.parked.filter((w) => !stopped.includes(w)),
        };
      }),
      walk: kit.on('walk', ({ context, event, out }) => step(context, event.to, out)),
      walkOn: kit.on('walk-on', ({ context, out }) => {
        const w = context.parked[0]!;
        const all = candidates(context.neighbours, context.degrees, w, hubs);
        const open =
          context.flow === undefined ? all : all.filter((n) => out.check('hasCredit', { peer: n }));
        const [to] = open;
        if (to !== undefined) return step(context, to, out);
        out.observe('walk-end', { guid: w.guid, why: all.length > 0 ? 'no-credit' : 'no-link' });
        return { parked: context.parked.slice(1) };
      }),
    },
    guards: {
      ...serventGuards,
      obeysCheck: () => true,
      // Asked by the steps with the neighbour, and on the world's choice of one (`walk {to}`).
      hasCredit: ({ context, event }, p?: { peer: number }) => {
        const peer = p?.peer ?? (event.type === 'walk' ? event.to : -1);
        return context.flow === undefined || creditLeft(context.flow, peer) > 0;
      },
      returnsCredit: (_, p: { type: string }) => p.type === 'Query',
      hasParked: ({ context }) => context.parked.length > 0,
      canWalk: kit.when('walk', ({ context, event }) => {
        const w = context.parked[0];
        if (w === undefined) return false;
        return candidates(context.neighbours, context.degrees, w, hubs).includes(event.to);
      }),
    },
  }).createMachine({
    id: flow
      ? 'gnutella-flow-servent'
      : hubs
        ? 'gnutella-hub-walk-servent'
        : 'gnutella-walk-servent',
    context: ({ input }) => ({
      ...freshContext(input),
      k: input.walkers?.k ?? 2,
      checkEvery: input.walkers?.checkEvery ?? 2,
      degrees: input.degrees ?? [],
      parked: [],
      waiting: [],
      walks: [],
      ...(flow ? { flow: freshFlow(input.flow ?? { credit: 1, queue: 2 }) } : {}),
    }),
    entry: 'start',
    initial: 'starting',
    states: {
      starting: {
        always: [{ guard: 'isJoining', target: 'joining' }, { target: 'online' }],
      },
      joining: {
        on: { ...on, ConnectOk: { target: 'online', actions: 'connected' } },
      },
      online: { on },
    },
  });
}

/** The uniform random-walk servent: the world chooses any candidate. */
export const walkServent = walkMachine({ hubs: false, flow: false });

/** The degree-biased random-walk servent: the world chooses among the best-connected candidates. */
export const hubWalkServent = walkMachine({ hubs: true, flow: false });

/**
 * The flow-controlled servent (flow-control.ts): degree-biased walkers, as Gia's walks towards
 * high-capacity neighbours, passed on only with a token from the neighbour, from a bounded queue.
 */
export const flowServent = walkMachine({ hubs: true, flow: true });
