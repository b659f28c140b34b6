import type { AnyStateMachine, EventObject } from 'xstate';
import { PureDriver, type Snapshot } from './pure-driver.ts';
import type { Payload } from './action.ts';
import { DIGEST_BASE, hashText } from './hash.ts';
import { canonicalJson, type Json } from './json.ts';
import type { Observation } from './spec.ts';

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
  /**
   * Whether the machine took the event: some transition was enabled for it (its guard passed),
   * even one that changes nothing. A role with guarded receives is only handed messages it takes.
   */
  readonly accepted: boolean;
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
  readonly key: string;
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
  return hashText(canonicalJson({ ...o, node: undefined }))[1];
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
  private readonly snapIds = new Map<string, number>();
  private readonly snaps: InternedSnapshot[] = [];
  private readonly eventIds = new Map<string, number>();
  private readonly events: InternedEvent[] = [];
  private readonly memo: (Map<number, Outcome> | undefined)[] = [];
  private readonly initialMemo = new Map<string, Outcome>();
  private readonly drivers = new Map<AnyStateMachine, PureDriver>();
  /** Content hashes of the interned snapshots: `[hi0, lo0, hi1, lo1, …]` by snapshot id. */
  readonly snapHash: number[] = [];
  /** Content hashes of the interned events, the same way. */
  readonly eventHash: number[] = [];
  /** Local transitions computed by xstate. */
  misses = 0;
  /** Local transitions answered from the memo. */
  hits = 0;

  /** The id of an event (interning it on first sight). */
  eventId(from: number, payload: Payload): number {
    const key = `${from}|${canonicalJson(payload)}`;
    let id = this.eventIds.get(key);
    if (id === undefined) {
      id = this.events.length;
      const [hi, lo] = hashText(key);
      this.eventHash.push(hi, lo);
      this.events.push({ from, payload, event: { ...payload, from } as EventObject, key, hi, lo });
      this.eventIds.set(key, id);
    }
    return id;
  }

  /** The id of an event if it was ever interned, else undefined (nobody ever sent it). */
  findEvent(from: number, payload: Payload): number | undefined {
    return this.eventIds.get(`${from}|${canonicalJson(payload)}`);
  }

  /** An interned event. */
  event(id: number): InternedEvent {
    return this.events[id]!;
  }

  /** The canonical key of a snapshot id (independent of interning order). */
  snapshotKey(id: number): string {
    return this.snaps[id]!.key;
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
      const table = this.memo[snap];
      if (table === undefined) continue;
      const { role, driver, snapshot } = this.snaps[snap]!;
      for (const [eventId, out] of table) {
        const event = this.events[eventId]!.payload.type;
        yield {
          role,
          machine: driver.machine,
          value: snapshot.value,
          event,
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
    const key = `${role}|${node}|${canonicalJson(input)}`;
    let out = this.initialMemo.get(key);
    if (out === undefined) {
      this.misses++;
      let driver = this.drivers.get(machine);
      if (driver === undefined) {
        driver = new PureDriver(machine, input);
        this.drivers.set(machine, driver);
      }
      const [snapshot, actions] = driver.initial(input);
      out = this.harvest(node, role, driver, snapshot, actions, -1, true);
      this.initialMemo.set(key, out);
    } else this.hits++;
    return out;
  }

  /** Hands event `eventId` to snapshot `snap` of its node (memoized). */
  step(snap: number, eventId: number): Outcome {
    let table = this.memo[snap];
    if (table === undefined) {
      table = new Map();
      this.memo[snap] = table;
    }
    let out = table.get(eventId);
    if (out === undefined) {
      this.misses++;
      const { node, driver, role, snapshot } = this.snaps[snap]!;
      const event = this.events[eventId]!.event;
      const [next, actions] = driver.transition(snapshot, event);
      const accepted = driver.machine.getTransitionData(snapshot, event).length > 0;
      out = this.harvest(node, role, driver, next, actions, snap, accepted);
      table.set(eventId, out);
    } else this.hits++;
    return out;
  }

  private intern(node: number, role: string, driver: PureDriver, snapshot: Snapshot): number {
    if (snapshot.status === 'error') {
      throw new Error(`node ${node}: machine error: ${String(snapshot.error)}`);
    }
    const key = canonicalJson([role, node, snapshot.value, snapshot.context, snapshot.status]);
    // Interned per machine (a table shared by two variants must not mix their transitions), but
    // hashed by content alone, so fingerprints agree across processes whatever the driver ids.
    const slot = `${driver.id}|${key}`;
    let id = this.snapIds.get(slot);
    if (id === undefined) {
      id = this.snaps.length;
      this.snaps.push({ node, driver, role, snapshot, key });
      const [hi, lo] = hashText(key);
      this.snapHash.push(hi, lo);
      this.snapIds.set(slot, id);
    }
    return id;
  }

  private harvest(
    node: number,
    role: string,
    driver: PureDriver,
    snapshot: Snapshot,
    actions: readonly { type: string; params?: unknown }[],
    previous: number,
    accepted: boolean,
  ): Outcome {
    const next = this.intern(node, role, driver, snapshot);
    const sends: number[] = [];
    const observations: Observation[] = [];
    for (const action of actions) {
      if (action.type === 'send') {
        const { to, msg } = action.params as { to: number | readonly number[]; msg: Payload };
        for (const target of typeof to === 'number' ? [to] : to) {
          if (!Number.isInteger(target) || target < 0) {
            throw new Error(
              `node ${node} sent ${msg.type} to a node that does not exist: ${target}`,
            );
          }
          sends.push(target, this.eventId(node, msg));
        }
      } else if (action.type === 'observe') {
        const params = action.params as { kind?: unknown };
        if (typeof params?.kind !== 'string')
          throw new Error(`node ${node}: observe needs a string kind`);
        if ('node' in params)
          throw new Error(
            `node ${node}: observe ${params.kind}: 'node' is reserved for the observer`,
          );
        observations.push({ ...(params as Observation), node });
      } else if (!harmless(action)) {
        throw new Error(
          `node ${node}: action '${action.type}' is not 'send' or 'observe': models must be pure`,
        );
      }
    }
    const effective = next !== previous || sends.length > 0 || observations.length > 0;
    const obsHashes = observations.map(observationHash);
    const { mul, add } = digestStep(obsHashes);
    return {
      next,
      sends,
      observations,
      effective,
      accepted,
      obsHashes,
      digestMul: mul,
      digestAdd: add,
    };
  }
}
