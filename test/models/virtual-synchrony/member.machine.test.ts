import { describe, expect, it } from 'vitest';
import type { Action } from '../../../models/kernel/action.ts';
import type { JsonObject } from '../../../models/kernel/json.ts';
import { historyArray } from '../../../models/kernel/observation.ts';
import type { Observation } from '../../../models/kernel/spec.ts';
import { System } from '../../../models/kernel/system.ts';
import type { Move, World } from '../../../models/kernel/world.ts';
import { virtualSynchronyProtocol } from '../../../models/virtual-synchrony/model.ts';

const protocol = virtualSynchronyProtocol;
const correct = protocol.variants[0]!;

const none = {
  joiners: 0,
  multicasts: [],
  crashes: 0,
  suspicions: 0,
  joins: 0,
  leaves: 0,
  partitions: 0,
};

/** Drives a system by hand: take named steps, or deliver everything until nothing is in flight. */
class Driver {
  readonly sys: System;
  w: World;
  private readonly benign: Move[] = [];
  private readonly faults: Move[] = [];

  constructor(params: JsonObject) {
    this.sys = new System(protocol, correct, { members: 3, ...none, ...params });
    this.w = this.sys.initial();
  }

  /** Takes the first enabled move whose action matches `want`. */
  take(want: Partial<Action> & { msg?: JsonObject }): this {
    this.sys.enabled(this.w, this.benign, this.faults);
    const move = [...this.benign, ...this.faults].find((m) => matches(this.sys.toAction(m), want));
    if (move === undefined) throw new Error(`not enabled: ${JSON.stringify(want)}`);
    this.w = this.sys.apply(this.w, move);
    return this;
  }

  /** Delivers messages and hands over inputs, oldest channel first, until none is left. */
  settle(): this {
    for (;;) {
      this.sys.enabled(this.w, this.benign, this.faults);
      const move = this.benign.find((m) => this.sys.toAction(m).type !== 'heal');
      if (move === undefined) return this;
      this.w = this.sys.apply(this.w, move);
    }
  }

  /** The observations of `kind` so far, as `node:field` strings in history order. */
  seen(kind: 'view' | 'deliver'): string[] {
    return historyArray(this.w.history)
      .filter((o: Observation) => o.kind === kind)
      .map((o) =>
        kind === 'view' ? `${o.node}:${o.view}[${o.members}]` : `${o.node}:${o.msg}@${o.view}`,
      );
  }

  /** A node's state, as a dotted path (`viewChange.coordinating.collecting`). */
  state(node: number): string {
    return statePath(this.sys.table.snapshotView(this.w.locals[node]!).value);
  }
}

function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  const [[key, child]] = Object.entries(value as Record<string, unknown>) as [[string, unknown]];
  return `${key}.${statePath(child)}`;
}

function matches(action: Action, want: Partial<Action> & { msg?: JsonObject }): boolean {
  return Object.entries(want).every(([key, value]) => {
    const got = (action as Record<string, unknown>)[key];
    if (key !== 'msg' || typeof value !== 'object')
      return JSON.stringify(got) === JSON.stringify(value);
    return Object.entries(value).every(
      ([k, v]) => JSON.stringify((got as JsonObject)[k]) === JSON.stringify(v),
    );
  });
}

const suspect = (node: number, k: number) =>
  ({ type: 'timeout', node, event: { type: 'suspect', node: k } }) as const;

describe('the virtual-synchrony member in a healthy group', () => {
  it('installs the initial view and delivers multicasts in the sequencer`s order', () => {
    const d = new Driver({ multicasts: [2, 1] }).settle();

    expect(d.seen('view')).toEqual(['0:0[0,1,2]', '1:0[0,1,2]', '2:0[0,1,2]']);
    const order = (node: number) => d.seen('deliver').filter((s) => s.startsWith(`${node}:`));
    expect(order(0).map((s) => s.slice(2))).toEqual(order(1).map((s) => s.slice(2)));
    expect(order(2).map((s) => s.slice(2))).toEqual(order(0).map((s) => s.slice(2)));
    expect(order(0)).toHaveLength(2);
  });

  it('suspects no one when nobody waits for anyone', () => {
    const d = new Driver({ multicasts: [1], suspicions: 1 }).settle();

    expect(d.sys.quiescent(d.w)).toBe(true);
  });
});

describe('a view change with a flush', () => {
  it('replaces a wrongly suspected sequencer, delivering what it numbered before the flush', () => {
    // p1 multicasts; the sequencer p0 numbers it, but only p2 hears of it before p1, waiting,
    // suspects p0 (which is alive).
    const d = new Driver({ multicasts: [1], suspicions: 1 })
      .take({ type: 'input', node: 1 })
      .take({ type: 'deliver', from: 1, to: 0 })
      .take({ type: 'deliver', from: 0, to: 2, msg: { type: 'Seq' } })
      .take(suspect(1, 0))
      .settle();

    expect(d.seen('view')).toContain('1:1[1,2]');
    expect(d.seen('view')).toContain('2:1[1,2]');
    expect(d.seen('deliver')).toEqual(['0:m0@0', '2:m0@0', '1:m0@0']);
    // The excluded sequencer is alive and stays in the old view.
    expect(d.state(0)).toBe('normal');
  });

  it('admits a joiner, which then delivers in the new view', () => {
    const d = new Driver({ joiners: 1, joins: 1, multicasts: [2] })
      .take({ type: 'join', node: 3 })
      .settle();

    expect(d.seen('view').filter((s) => s.includes(':1['))).toEqual([
      '0:1[0,1,2,3]',
      '1:1[0,1,2,3]',
      '2:1[0,1,2,3]',
      '3:1[0,1,2,3]',
    ]);
    expect(d.seen('deliver').filter((s) => s.startsWith('3:'))).toEqual(['3:m0@1']);
  });

  it('removes a member that leaves', () => {
    const d = new Driver({ leaves: 1 }).take({ type: 'leave', node: 2 }).settle();

    expect(d.seen('view').filter((s) => s.includes(':1['))).toEqual(['0:1[0,1]', '1:1[0,1]']);
  });

  it('installs nothing in a minority: each side of a partition blocks rather than split', () => {
    // p2 leaves; p0 starts the view change, then the network cuts p0 off from p1.
    const d = new Driver({ leaves: 1, partitions: 1, suspicions: 2 })
      .take({ type: 'leave', node: 2 })
      .take({ type: 'deliver', from: 2, to: 0 })
      .take({ type: 'partition', side: [0] })
      .settle()
      .take(suspect(0, 1))
      .take(suspect(1, 0))
      .settle();

    expect(d.seen('view').filter((s) => !s.includes(':0['))).toEqual([]);
    expect([d.state(0), d.state(1)]).toEqual(['viewChange.coordinating.collecting', 'normal']);
  });

  it('keeps a proposal a majority accepted when its coordinator fails, then removes it', () => {
    // p0 proposes admitting p3; p1 and p2 accept; p0 crashes before hearing so.
    const d = new Driver({ joiners: 1, joins: 1, crashes: 1, suspicions: 1 })
      .take({ type: 'join', node: 3 })
      .take({ type: 'deliver', from: 3, to: 0 })
      .take({ type: 'deliver', from: 3, to: 1 })
      .take({ type: 'deliver', from: 0, to: 1, msg: { type: 'Flush' } })
      .take({ type: 'deliver', from: 0, to: 2, msg: { type: 'Flush' } })
      .take({ type: 'deliver', from: 1, to: 0, msg: { type: 'FlushAck' } })
      .take({ type: 'deliver', from: 2, to: 0, msg: { type: 'FlushAck' } })
      .take({ type: 'deliver', from: 0, to: 1, msg: { type: 'Accept' } })
      .take({ type: 'deliver', from: 0, to: 2, msg: { type: 'Accept' } })
      .take({ type: 'crash', node: 0 })
      .take(suspect(1, 0))
      .settle();

    // p1 adopts the accepted view (with p0 in it), then runs a second change without p0.
    expect(d.seen('view').filter((s) => s.startsWith('1:'))).toEqual([
      '1:0[0,1,2]',
      '1:1[0,1,2,3]',
      '1:2[1,2,3]',
    ]);
    expect(d.seen('view').filter((s) => s.startsWith('3:'))).toEqual([
      '3:1[0,1,2,3]',
      '3:2[1,2,3]',
    ]);
  });

  it('does not let a member that left and came back take its predecessor`s seat', () => {
    // p1 reports m0 to p0's flush (admitting p3), then leaves and comes back with no memory,
    // believing it is in view 0; p0, not yet aware, counts the report and asks p1 to accept.
    const d = new Driver({ joiners: 1, joins: 2, leaves: 1, multicasts: [0] })
      .take({ type: 'input', node: 0 })
      .take({ type: 'deliver', from: 0, to: 1, msg: { type: 'Seq' } })
      .take({ type: 'join', node: 3 })
      .take({ type: 'deliver', from: 3, to: 0 })
      .take({ type: 'deliver', from: 0, to: 1, msg: { type: 'Flush' } })
      .take({ type: 'leave', node: 1 })
      .take({ type: 'join', node: 1 })
      .take({ type: 'deliver', from: 0, to: 2, msg: { type: 'Seq' } })
      .take({ type: 'deliver', from: 0, to: 2, msg: { type: 'Flush' } })
      .take({ type: 'deliver', from: 1, to: 0, msg: { type: 'FlushAck' } })
      .take({ type: 'deliver', from: 2, to: 0, msg: { type: 'FlushAck' } })
      .take({ type: 'deliver', from: 0, to: 1, msg: { type: 'Accept' } })
      .settle();

    // The new p1 accepted nothing and installs nothing; the others install the decided view (with
    // p1's seat in it: the failure detector will have to remove it).
    expect(d.seen('deliver').filter((s) => s.startsWith('1:'))).toEqual(['1:m0@0']);
    expect(d.seen('view').filter((s) => s.startsWith('1:'))).toEqual(['1:0[0,1,2]', '1:0[0,1,2]']);
    expect(d.seen('view').filter((s) => s.includes(':1['))).toEqual([
      '0:1[0,1,2,3]',
      '2:1[0,1,2,3]',
      '3:1[0,1,2,3]',
    ]);
  });
});

describe('the view change as machine states', () => {
  it('walks the coordinator through collecting and accepting, the member through flushing', () => {
    // p2 leaves; p0, the coordinator, flushes p1 (Paxos phase 1), then has it accept (phase 2).
    const d = new Driver({ leaves: 1 }).take({ type: 'leave', node: 2 });
    const states = () => [d.state(0), d.state(1)];
    expect(states()).toEqual(['normal', 'normal']);

    d.take({ type: 'deliver', from: 2, to: 0 });
    expect(states()).toEqual(['viewChange.coordinating.collecting', 'normal']);
    d.take({ type: 'deliver', from: 0, to: 1, msg: { type: 'Flush' } });
    expect(states()).toEqual([
      'viewChange.coordinating.collecting',
      'viewChange.flushing.answered',
    ]);
    d.take({ type: 'deliver', from: 1, to: 0, msg: { type: 'FlushAck' } });
    expect(states()).toEqual(['viewChange.coordinating.accepting', 'viewChange.flushing.answered']);
    d.take({ type: 'deliver', from: 0, to: 1, msg: { type: 'Accept' } });
    expect(states()).toEqual(['viewChange.coordinating.accepting', 'viewChange.flushing.accepted']);
    // Installing is transient: the decision sends NewView and installs in the same step.
    d.take({ type: 'deliver', from: 1, to: 0, msg: { type: 'Accepted' } });
    expect(states()).toEqual(['normal', 'viewChange.flushing.accepted']);
    d.take({ type: 'deliver', from: 0, to: 1, msg: { type: 'NewView' } });
    expect(states()).toEqual(['normal', 'normal']);
    expect(d.seen('view').filter((s) => s.includes(':1['))).toEqual(['0:1[0,1]', '1:1[0,1]']);
  });

  it('lets a node outside the group wait in joining until a view admits it', () => {
    const d = new Driver({ joiners: 1, joins: 1 }).take({ type: 'join', node: 3 });
    expect(d.state(3)).toBe('joining');
    d.settle();
    expect(d.state(3)).toBe('normal');
  });

  it('excludes a coordinator that must adopt a proposal leaving it out', () => {
    // p0 suspects p1 and has p2 accept a view without it; p1, which never got p0's Flush,
    // suspects p0 in turn, takes over with a higher ballot, and adopts what p2 accepted.
    const d = new Driver({ joiners: 1, joins: 1, suspicions: 2 })
      .take({ type: 'join', node: 3 })
      .take({ type: 'deliver', from: 3, to: 0 })
      .take({ type: 'deliver', from: 3, to: 1 })
      .take({ type: 'deliver', from: 3, to: 2 })
      .take(suspect(0, 1))
      .take({ type: 'deliver', from: 0, to: 2, msg: { type: 'Flush' } })
      .take({ type: 'deliver', from: 2, to: 0, msg: { type: 'FlushAck' } })
      .take({ type: 'deliver', from: 0, to: 2, msg: { type: 'Accept' } })
      .take(suspect(1, 0));
    expect(d.state(1)).toBe('viewChange.coordinating.collecting');

    d.take({ type: 'deliver', from: 1, to: 2, msg: { type: 'Flush' } })
      .take({ type: 'deliver', from: 2, to: 1, msg: { type: 'FlushAck' } })
      .take({ type: 'deliver', from: 1, to: 2, msg: { type: 'Accept' } })
      .take({ type: 'deliver', from: 2, to: 1, msg: { type: 'Accepted' } });
    expect(d.state(1)).toBe('excluded');

    d.settle();
    expect(d.state(1)).toBe('excluded');
    expect(
      d
        .seen('view')
        .filter((s) => s.includes(':1['))
        .sort(),
    ).toEqual(['0:1[0,2,3]', '2:1[0,2,3]', '3:1[0,2,3]']);
  });
});
