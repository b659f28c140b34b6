import { describe, expect, it } from 'vitest';
import { observed, runMachine, sends } from '../../helpers/machine.ts';
import { bootstrap } from '../../../models/overlay-multicast/bootstrap.machine.ts';
import { member } from '../../../models/overlay-multicast/member.machine.ts';
import { bounded, configure } from '../../../models/overlay-multicast/model.ts';

const run = runMachine;

// The line m0 – m1 – m2 and the joiner m3, as the bounded configuration at three members has it.
const inputs = configure(bounded(3)).nodes.map((n) => n.input);
const data = (from: number, seq = 0) => ({ type: 'Data', src: 0, seq, from });

describe('a Narada member', () => {
  it('takes a packet only from its parent, and passes it to its children only', () => {
    const fromParent = run(member, inputs[1], [data(0)]);
    expect(sends(fromParent.actions)).toEqual([{ to: 2, msg: { type: 'Data', src: 0, seq: 0 } }]);
    expect(observed(fromParent.actions)).toContainEqual({ kind: 'deliver', src: 0, seq: 0 });
    expect(sends(run(member, inputs[1], [data(2)]).actions)).toEqual([]);
    const again = run(member, inputs[1], [data(0), data(0)]);
    expect(sends(again.actions)).toEqual([]);
  });

  it('joins through the bootstrap node and links to the cheapest member', () => {
    const asked = run(member, inputs[3], [{ type: 'join', from: -1 }]);
    expect(asked.snapshot.value).toBe('joining');
    expect(sends(asked.actions)).toEqual([{ to: 4, msg: { type: 'Hello' } }]);
    const welcomed = run(member, inputs[3], [
      { type: 'join', from: -1 },
      { type: 'Welcome', members: [0, 1, 2], from: 4 },
    ]);
    expect(welcomed.snapshot.value).toBe('linking');
    expect(sends(welcomed.actions)).toEqual([{ to: [2], msg: { type: 'LinkRequest' } }]);
  });

  it('declares an unanswering neighbour dead when time passes again, then repairs', () => {
    const probed = run(member, inputs[2], [{ type: 'refresh', from: -1 }]);
    expect(sends(probed.actions)).toEqual([{ to: [1], msg: { type: 'Probe' } }]);
    const dead = run(member, inputs[2], [
      { type: 'refresh', from: -1 },
      { type: 'suspect', from: -1 },
    ]);
    expect(observed(dead.actions)).toContainEqual({ kind: 'dead', peer: 1 });
    expect(observed(dead.actions)).toContainEqual({ kind: 'unlink', peer: 1 });
    const repair = run(member, inputs[2], [
      { type: 'refresh', from: -1 },
      { type: 'suspect', from: -1 },
      { type: 'repair', from: -1 },
    ]);
    expect(sends(repair.actions)).toEqual([{ to: 0, msg: { type: 'LinkRequest' } }]);
  });

  it('ends a probe on its answer; the probe-on-answer mutant probes again at once', () => {
    const answered = run(member, inputs[2], [
      { type: 'refresh', from: -1 },
      { type: 'ProbeAck', from: 1 },
    ]);
    expect(answered.snapshot.context).toMatchObject({ probes: [] });
    expect(sends(answered.actions)).toEqual([]);
    const eager = member.provide({ guards: { probesOnAnswer: () => true } });
    const again = run(eager, inputs[2], [
      { type: 'refresh', from: -1 },
      { type: 'ProbeAck', from: 1 },
    ]);
    expect(again.snapshot.context).toMatchObject({ probes: [1] });
    expect(sends(again.actions)).toEqual([{ to: 1, msg: { type: 'Probe' } }]);
  });
});

describe('the bootstrap node', () => {
  it('tells a joiner the members it knows, adds it, and forgets a member that leaves', () => {
    const { snapshot, actions } = run(bootstrap, { members: [0, 1, 2] }, [
      { type: 'Hello', from: 3 },
      { type: 'Leave', from: 1 },
    ]);
    expect(snapshot.context).toEqual({ members: [0, 2, 3] });
    expect(
      sends(run(bootstrap, { members: [0, 1, 2] }, [{ type: 'Hello', from: 3 }]).actions),
    ).toEqual([{ to: 3, msg: { type: 'Welcome', members: [0, 1, 2] } }]);
    expect(actions).toEqual([]);
  });
});
