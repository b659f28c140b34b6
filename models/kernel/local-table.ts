import type { AnyStateMachine, EventObject } from 'xstate';
import {
  canonicalEqual,
  canonicalHash,
  canonicalHashWithout,
  contentHash,
} from './canonical-hash.ts';
import { PureDriver, type Snapshot } from './pure-driver.ts';
import type { Payload } from './action.ts';
import { DIGEST_BASE, finish, hashText, mix } from './hash.ts';
import { HashIndex } from './hash-index.ts';
import { appended, ListPool, sameInts, truncate } from './lists.ts';
import {
  copy,
  intsHash,
  NONE,
  NOTHING_OBSERVED,
  sameObserved,
  type ObservedList,
} from './memo-lists.ts';
import { canonicalJson, withField, type Json } from './json.ts';
import type { Observation } from './spec.ts';
import { ModelError, modelErrorObservation, thrownText } from './model-error.ts';

/** What one local step of one node did: its next snapshot, the messages it sent, what it observed. */
export interface Outcome {
  /** The node's next snapshot id. */
  readonly next: number;
  /** Messages sent, flattened as `[to, messageId, to, messageId, …]`. */
  readonly sends: readonly number[];
  /** Observations, `node` filled in. */
  readonly observations: readonly Observation[];
  /** Whether the step changed anything (a new snapshot, a send or an observation). */
  readonly effective: boolean;
  /** The content hash of each observation (for the global-order digest). */
  readonly obsHashes: readonly number[];
  /** The node's history digest becomes `digest * digestMul + digestAdd` (mod 2^32). */
  readonly digestMul: number;
  /** See `digestMul`. */
  readonly digestAdd: number;
}

/** The digest update (`mul`, `add`) that appends observations with these content hashes. */
export function digestStep(hashes: readonly number[]): { mul: number; add: number } {
  let mul = 1;
  let add = 0;
  for (const h of hashes) {
    mul = Math.imul(mul, DIGEST_BASE);
    add = (Math.imul(add, DIGEST_BASE) + h) | 0;
  }
  return { mul, add };
}

/** An interned event: who sent it (`-1` for the environment) and what it says. */
export interface InternedEvent {
  /** Sender node, or -1 for clients, timers and the kernel. */
  readonly from: number;
  /** The payload as written. */
  readonly payload: Payload;
  /** What the machine receives: the payload plus `from`. */
  readonly event: EventObject;
  /** Canonical key. */
  readonly key: string;
  /** Content hash, high half. */
  readonly hi: number;
  /** Content hash, low half. */
  readonly lo: number;
}

interface InternedSnapshot {
  readonly node: number;
  readonly driver: PureDriver;
  readonly role: string;
  readonly snapshot: Snapshot;
  /** The canonical key, built when first asked for (`snapshotKey`). */
  key: string | null;
}

/**
 * Built-in actions a pure model may use: an immediate `raise` (handled inside the transition) and
 * `log`. Everything else that reaches the kernel (`sendTo`, `emit`, a delayed `raise` — what `after`
 * compiles to —, `spawnChild`, …) would be an effect outside the world, silently lost.
 */
function harmless(action: { type: string; params?: unknown }): boolean {
  if (action.type === 'xstate.log') return true;
  return (
    action.type === 'xstate.raise' && (action.params as { delay?: unknown })?.delay === undefined
  );
}

/** The content hash of an observation (for the per-node history digests). */
export function observationHash(o: Observation): number {
  // Without `node`: digests are kept per node already, and leaving it out lets a renaming of nodes
  // (symmetry reduction) move digests with their nodes.
  return canonicalHashWithout(o, 'node')[1];
}

/** What a snapshot's identity is made of: its canonical key is this tuple's canonical JSON. */
function keyOf(role: string, node: number, snapshot: Snapshot): readonly unknown[] {
  return [role, node, snapshot.value, snapshot.context, snapshot.status];
}

/** Up to this many memoized events per snapshot, the memo is scanned rather than indexed. */
const SCAN = 12;

/**
 * An outcome as the table builds it. Whether the machine took the event (`LocalTable.accepts`)
 * costs a second pass over the machine's transitions, and only roles with guarded receives ever
 * ask, so it is worked out on first asking (guards are pure: the answer is the same whenever it is
 * asked) and kept here.
 */
class LocalOutcome implements Outcome {
  /** 1 taken, 0 not, -1 not worked out yet. */
  taken = -1;

  constructor(
    readonly next: number,
    readonly sends: readonly number[],
    /** The observations with their hashes and digest step, pooled (read through the getters). */
    private readonly observed: ObservedList,
    readonly effective: boolean,
    /** The interned event the step took (-1 for a start): what the memo finds it by. */
    readonly eventId: number,
  ) {}

  get observations(): readonly Observation[] {
    return this.observed.observations;
  }

  get obsHashes(): readonly number[] {
    return this.observed.hashes;
  }

  get digestMul(): number {
    return this.observed.mul;
  }

  get digestAdd(): number {
    return this.observed.add;
  }
}

/**
 * The xstate adapter. Drives machines through xstate's pure `initialTransition`/`transition`,
 * harvests their `send` and `observe` actions, and interns everything: snapshots (per node) and
 * events get small integer ids, and each (snapshot, event) transition is computed once and then
 * answered from a memo. The explorers see only integers; xstate is paid once per distinct local step.
 * One table serves every configuration of a variant, so the memo carries over from one random
 * scenario to the next.
 */
export class LocalTable {
  /**
   * Per driver, snapshot ids by the `contentHash` of their key (where hashes collide, the content
   * itself decides).
   */
  private readonly snapIds = new Map<PureDriver, HashIndex>();
  private readonly snaps: InternedSnapshot[] = [];
  /**
   * Per sender (`from + 1`), event ids by the payload's `contentHash` (where hashes collide, the
   * payload itself decides).
   */
  private readonly eventIds: (HashIndex | undefined)[] = [];
  private readonly events: InternedEvent[] = [];
  /**
   * The memo, per snapshot id: the outcomes of the events handed to it so far, in the order first
   * handed (each knows its event). A snapshot is handed few distinct events, which a scan of a
   * short array finds faster than a `Map`; past `SCAN` of them, `memoIndex` indexes them too.
   */
  private readonly memo: (LocalOutcome[] | null)[] = [];
  private readonly memoIndex: (Map<number, Outcome> | null)[] = [];
  /** Starts by their input's content hash (`contentHash`): node, role, input and outcome. */
  private readonly initialMemo = new Map<
    number,
    { node: number; role: string; input: Json; out: Outcome }[]
  >();
  private readonly drivers = new Map<AnyStateMachine, PureDriver>();
  /** Each distinct list of sends outcomes keep, once (`[to, messageId, …]`). */
  private readonly sendLists = new ListPool<readonly number[]>(sameInts);
  /** Each distinct list of observations outcomes keep, once, with its hashes and digest step. */
  private readonly observedLists = new ListPool<ObservedList>(sameObserved);
  /** Where `harvest` gathers a step's sends, observations and their hashes before pooling. */
  private readonly scratchSends: number[] = [];
  private readonly scratchObservations: Observation[] = [];
  /** What each failed step threw (`thrownBy`). */
  private readonly thrown = new WeakMap<Outcome, unknown>();
  private readonly scratchHashes: number[] = [];
  /** The scratch observations as a pool looks them up. */
  private readonly probe = {
    observations: NONE as readonly Observation[],
    hashes: NONE as readonly number[],
    mul: 1,
    add: 0,
  };
  /** `environmentIds`' answers, by list. */
  private readonly listIds = new WeakMap<readonly Payload[], readonly number[]>();
  /**
   * Content hashes of the interned snapshots: `[hi0, lo0, hi1, lo1, …]` by snapshot id, each
   * `hashText` of the snapshot's canonical key. Kept once some system keeps fingerprints
   * (`keepHashes`); empty until then.
   */
  readonly snapHash: number[] = [];
  /** Whether `snapHash` is kept (`keepHashes`). */
  private hashing = false;
  /** Content hashes of the interned events, the same way. */
  readonly eventHash: number[] = [];
  /** Local transitions computed by xstate. */
  misses = 0;
  /** Local transitions answered from the memo. */
  hits = 0;

  /** The id of an event (interning it on first sight). */
  eventId(from: number, payload: Payload): number {
    const bucket = contentHash(payload);
    const known = this.eventIn(from, payload, bucket);
    if (known !== undefined) return known;
    const id = this.events.length;
    const key = `${from}|${canonicalJson(payload)}`;
    const [hi, lo] = hashText(key);
    this.eventHash.push(hi, lo);
    const event = withField(payload, 'from', from) as unknown as EventObject;
    this.events.push({ from, payload, event, key, hi, lo });
    let ids = this.eventIds[from + 1];
    if (ids === undefined) {
      ids = new HashIndex();
      this.eventIds[from + 1] = ids;
    }
    ids.add(bucket, id);
    return id;
  }

  /**
   * The ids of a list of events from the environment (a role's timeouts or choices), interned on
   * first sight. The list is the role's own, the same for every system of the variant, so its ids
   * are looked up once.
   */
  environmentIds(payloads: readonly Payload[]): readonly number[] {
    let ids = this.listIds.get(payloads);
    if (ids === undefined) {
      ids = payloads.map((e) => this.eventId(-1, e));
      this.listIds.set(payloads, ids);
    }
    return ids;
  }

  /** The id of an event if it was ever interned, else undefined (nobody ever sent it). */
  findEvent(from: number, payload: Payload): number | undefined {
    return this.eventIn(from, payload, contentHash(payload));
  }

  /** `findEvent`, given the payload's `contentHash`. */
  private eventIn(from: number, payload: Payload, bucket: number): number | undefined {
    const ids = this.eventIds[from + 1];
    if (ids === undefined) return undefined;
    for (let slot = ids.first(bucket); slot >= 0; slot = ids.next(slot, bucket)) {
      const id = ids.id(slot);
      if (canonicalEqual(this.events[id]!.payload, payload)) return id;
    }
    return undefined;
  }

  /** An interned event. */
  event(id: number): InternedEvent {
    return this.events[id]!;
  }

  /** The canonical key of a snapshot id (independent of interning order). */
  snapshotKey(id: number): string {
    const s = this.snaps[id]!;
    s.key ??= canonicalJson(keyOf(s.role, s.node, s.snapshot));
    return s.key;
  }

  /** The state value and context of a snapshot id. */
  snapshotView(id: number): { value: Json; context: Json; status: string } {
    const s = this.snaps[id]!.snapshot;
    return { value: s.value as Json, context: s.context as Json, status: s.status };
  }

  /**
   * Every memoized local transition: the source snapshot's role, machine and state value, the
   * event type, and whether it changed anything. (Coverage reads this after a search.)
   */
  *transitionsSeen(): Generator<{
    role: string;
    machine: AnyStateMachine;
    value: unknown;
    event: string;
    effective: boolean;
  }> {
    for (let snap = 0; snap < this.snaps.length; snap++) {
      const outcomes = this.memo[snap];
      if (outcomes === null || outcomes === undefined) continue;
      const { role, driver, snapshot } = this.snaps[snap]!;
      for (const out of outcomes) {
        yield {
          role,
          machine: driver.machine,
          value: snapshot.value,
          event: this.events[out.eventId]!.payload.type,
          effective: out.effective,
        };
      }
    }
  }

  /** Every interned snapshot's role, machine and state value. */
  *snapshotsSeen(): Generator<{ role: string; machine: AnyStateMachine; value: unknown }> {
    for (const { role, driver, snapshot } of this.snaps)
      yield { role, machine: driver.machine, value: snapshot.value };
  }

  /** The node a snapshot id belongs to. */
  snapshotNode(id: number): number {
    return this.snaps[id]!.node;
  }

  /**
   * The id of snapshot `id` moved to node `node` with its context replaced (symmetry reduction
   * renames nodes): the machine re-resolves the state value with the new context.
   */
  renamed(id: number, node: number, context: Json): number {
    const { driver, role, snapshot } = this.snaps[id]!;
    const moved = driver.machine.resolveState({ value: snapshot.value, context }) as Snapshot;
    return this.intern(node, role, driver, moved);
  }

  /** How many distinct local snapshots and events have been interned. */
  sizes(): { snapshots: number; events: number } {
    return { snapshots: this.snaps.length, events: this.events.length };
  }

  /** Starts `machine` as node `node` of role `role` with `input` (memoized). */
  start(node: number, role: string, machine: AnyStateMachine, input: Json): Outcome {
    // By the input's content hash (no key text to build), the content itself deciding.
    const bucket = contentHash(input);
    let starts = this.initialMemo.get(bucket);
    let out = starts?.find(
      (s) => s.node === node && s.role === role && canonicalEqual(s.input, input),
    )?.out;
    if (out === undefined) {
      this.misses++;
      let driver = this.drivers.get(machine);
      if (driver === undefined) {
        driver = new PureDriver(machine, input);
        this.drivers.set(machine, driver);
      }
      try {
        const [snapshot, actions] = driver.initial(input);
        const next = this.intern(node, role, driver, snapshot);
        out = this.harvest(node, next, actions, -1, -1);
      } catch (e) {
        throw new ModelError(`node ${node} (${role}) cannot start: ${thrownText(e)}`, {
          cause: e,
        });
      }
      (out as LocalOutcome).taken = 1;
      if (starts === undefined) {
        starts = [];
        this.initialMemo.set(bucket, starts);
      }
      starts.push({ node, role, input, out });
    } else this.hits++;
    return out;
  }

  /**
   * What the step whose outcome is `out` threw, if it failed that way (model-error.ts): the
   * error itself, with its stack, which the outcome's observation keeps only the text of.
   */
  thrownBy(out: Outcome): unknown {
    return this.thrown.get(out);
  }

  /**
   * Whether snapshot `snap` takes event `eventId`: some transition is enabled for it (its guard
   * passed), even one that changes nothing. A role with guarded receives is only handed messages
   * it takes. (Memoized with the step.)
   */
  accepts(snap: number, eventId: number): boolean {
    const out = this.step(snap, eventId) as LocalOutcome;
    if (out.taken < 0) {
      const { driver, snapshot } = this.snaps[snap]!;
      const event = this.events[eventId]!.event;
      try {
        out.taken = driver.machine.getTransitionData(snapshot, event).length > 0 ? 1 : 0;
      } catch {
        // A guard that throws: handed the message, the step records the failure.
        out.taken = 1;
      }
    }
    return out.taken === 1;
  }

  /** Hands event `eventId` to snapshot `snap` of its node (memoized). */
  step(snap: number, eventId: number): Outcome {
    const outcomes = this.memo[snap];
    if (outcomes !== null && outcomes !== undefined) {
      if (outcomes.length <= SCAN) {
        for (let i = 0; i < outcomes.length; i++) {
          const out = outcomes[i]!;
          if (out.eventId === eventId) {
            this.hits++;
            return out;
          }
        }
      } else {
        const out = this.memoIndex[snap]!.get(eventId);
        if (out !== undefined) {
          this.hits++;
          return out;
        }
      }
    }
    return this.compute(snap, eventId);
  }

  /** A memo miss: xstate computes the step, and the memo keeps it. */
  private compute(snap: number, eventId: number): Outcome {
    this.misses++;
    const source = this.snaps[snap]!;
    const { node, driver, role, snapshot } = source;
    const event = this.events[eventId]!.event;
    let out: LocalOutcome;
    try {
      const [after, actions] = driver.transition(snapshot, event);
      // xstate hands back the very snapshot when nothing changed it: the same content, the same id.
      const next = after === snapshot ? snap : this.intern(node, role, driver, after);
      out = this.harvest(node, next, actions, snap, eventId);
    } catch (e) {
      // The model's own failure, not the engine's: a step that records it (model-error.ts).
      const state = JSON.stringify(snapshot.value);
      const what = `${role} in ${state} on ${this.events[eventId]!.payload.type}: ${thrownText(e)}`;
      out = this.failed(node, snap, eventId, what);
      this.thrown.set(out, e);
    }
    // Most snapshots are handed a few events: their lists are kept at their exact length (and
    // grown by pushing once they are indexed).
    let outcomes = this.memo[snap] ?? null;
    if (outcomes === null || outcomes.length < SCAN) {
      outcomes = appended(outcomes, out);
      this.memo[snap] = outcomes;
    } else outcomes.push(out);
    if (outcomes.length === SCAN + 1) {
      const index = new Map<number, Outcome>();
      for (const o of outcomes) index.set(o.eventId, o);
      this.memoIndex[snap] = index;
    } else if (outcomes.length > SCAN + 1) this.memoIndex[snap]!.set(eventId, out);
    return out;
  }

  private intern(node: number, role: string, driver: PureDriver, snapshot: Snapshot): number {
    if (snapshot.status === 'error') {
      throw new Error(`machine error: ${thrownText(snapshot.error)}`, { cause: snapshot.error });
    }
    // Candidates by a cheap content hash; an equal snapshot interned already is found by content,
    // so ids are exactly what a map by canonical key would give.
    const bucket = contentHash(keyOf(role, node, snapshot));
    // Interned per machine (a table shared by two variants must not mix their transitions), but
    // hashed by content alone, so fingerprints agree across processes whatever the driver ids.
    let ids = this.snapIds.get(driver);
    if (ids === undefined) {
      ids = new HashIndex();
      this.snapIds.set(driver, ids);
    }
    for (let slot = ids.first(bucket); slot >= 0; slot = ids.next(slot, bucket)) {
      const id = ids.id(slot);
      if (this.holds(id, node, role, snapshot)) return id;
    }
    const id = this.snaps.length;
    this.snaps.push({ node, driver, role, snapshot, key: null });
    this.memo.push(null);
    this.memoIndex.push(null);
    if (this.hashing) this.pushSnapHash(id);
    ids.add(bucket, id);
    return id;
  }

  /**
   * Keeps `snapHash` from now on, and fills it in for the snapshots interned before: a system
   * that keeps world fingerprints asks for it. (A random exploration keeps none, and the
   * canonical hash of every snapshot was about a tenth of its time.)
   */
  keepHashes(): void {
    if (this.hashing) return;
    this.hashing = true;
    for (let id = this.snapHash.length / 2; id < this.snaps.length; id++) this.pushSnapHash(id);
  }

  /** Appends the canonical hash of snapshot `id` (the next one `snapHash` lacks). */
  private pushSnapHash(id: number): void {
    const { role, node, snapshot } = this.snaps[id]!;
    const [hi, lo] = canonicalHash(keyOf(role, node, snapshot));
    this.snapHash.push(hi, lo);
  }

  /** Whether snapshot id `id` is `snapshot` of `node` in `role`, by content. */
  private holds(id: number, node: number, role: string, snapshot: Snapshot): boolean {
    const s = this.snaps[id]!;
    return (
      s.node === node &&
      s.role === role &&
      s.snapshot.status === snapshot.status &&
      canonicalEqual(s.snapshot.value, snapshot.value) &&
      canonicalEqual(s.snapshot.context, snapshot.context)
    );
  }

  /**
   * The outcome of a step of `node` to snapshot id `next` with these actions, from snapshot id
   * `previous` (-1 for a start) by event `eventId` (-1 for a start). Its sends and observations
   * are the pooled lists of their content: most outcomes send what others send.
   */
  private harvest(
    node: number,
    next: number,
    actions: readonly { type: string; params?: unknown }[],
    previous: number,
    eventId: number,
  ): LocalOutcome {
    const sends = this.scratchSends;
    const observations = this.scratchObservations;
    truncate(sends);
    truncate(observations);
    for (const action of actions) {
      if (action.type === 'send') {
        const { to, msg } = action.params as { to: number | readonly number[]; msg: Payload };
        // One message to many nodes is interned once, when its first receiver is found valid (so
        // events are interned in the same order as one at a time).
        let id = -1;
        const count = typeof to === 'number' ? 1 : to.length;
        for (let k = 0; k < count; k++) {
          const target = typeof to === 'number' ? to : to[k]!;
          if (!Number.isInteger(target) || target < 0) {
            throw new Error(`sent ${msg.type} to a node that does not exist: ${target}`);
          }
          if (id < 0) id = this.eventId(node, msg);
          sends.push(target, id);
        }
      } else if (action.type === 'observe') {
        const params = action.params as { kind?: unknown };
        if (typeof params?.kind !== 'string') throw new Error('observe needs a string kind');
        if ('node' in params)
          throw new Error(`observe ${params.kind}: 'node' is reserved for the observer`);
        observations.push(withField(params, 'node', node) as unknown as Observation);
      } else if (!harmless(action)) {
        throw new Error(`action '${action.type}' is not 'send' or 'observe': models must be pure`);
      }
    }
    const sent = sends.length === 0 ? NONE : this.sendLists.shared(intsHash(sends), sends, copy);
    const observed = observations.length === 0 ? NOTHING_OBSERVED : this.observed(observations);
    const effective = next !== previous || sent !== NONE || observed !== NOTHING_OBSERVED;
    return new LocalOutcome(next, sent, observed, effective, eventId);
  }

  /**
   * The outcome of a step of `node` from snapshot `snap` by event `eventId` that failed with
   * `error`: the node keeps its snapshot, sends nothing and observes the failure (model-error.ts).
   * Effective and taken, so it is listed and taken like any step; memoized like any (machines are
   * pure, so the same step fails the same way).
   */
  private failed(node: number, snap: number, eventId: number, error: string): LocalOutcome {
    const observations = this.scratchObservations;
    truncate(observations);
    observations.push(modelErrorObservation(node, error));
    const out = new LocalOutcome(snap, NONE, this.observed(observations), true, eventId);
    out.taken = 1;
    return out;
  }

  /** The pooled observation list with the content of `observations` (scratch), with its hashes. */
  private observed(observations: readonly Observation[]): ObservedList {
    const hashes = this.scratchHashes;
    truncate(hashes);
    let h = 0;
    for (const o of observations) {
      const hash = observationHash(o);
      hashes.push(hash);
      h = mix(mix(h, o.node), hash);
    }
    const probe = this.probe;
    probe.observations = observations;
    probe.hashes = hashes;
    return this.observedLists.shared(finish(h), probe, (scratch) => {
      const kept = scratch.hashes.slice();
      const { mul, add } = digestStep(kept);
      return { observations: scratch.observations.slice(), hashes: kept, mul, add };
    });
  }
}
