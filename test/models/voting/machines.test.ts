import { describe, expect, it } from 'vitest';
import { observed, runMachine, sends } from '../../helpers/machine.ts';
import { client, type ClientContext } from '../../../models/voting/client.machine.ts';
import { variants } from '../../../models/voting/model.ts';
import {
  representative,
  type RepresentativeContext,
} from '../../../models/voting/representative.machine.ts';

const run = runMachine;

const lock = (op: string, from: number, attempt = 1) => ({ type: 'Lock', op, attempt, from });

describe('a voting representative', () => {
  it('grants its lock to one attempt at a time and refuses the others', () => {
    const { snapshot, actions } = run(representative, { votes: 1 }, [
      lock('c0.1', 3),
      lock('c1.1', 4),
    ]);
    expect(snapshot.value).toBe('locked');
    expect(sends(actions)).toEqual([{ to: 4, msg: { type: 'Busy', op: 'c1.1', attempt: 1 } }]);
  });

  it('installs the holder’s version, releases, and acknowledges a resent Install without installing again', () => {
    const install = { type: 'Install', op: 'c0.1', attempt: 1, version: 1, value: 7, from: 3 };
    const once = run(representative, { votes: 1 }, [lock('c0.1', 3), install]);
    expect(once.snapshot.value).toBe('free');
    expect(observed(once.actions)).toEqual([{ kind: 'install', op: 'c0.1', version: 1, value: 7 }]);
    const again = run(representative, { votes: 1 }, [lock('c0.1', 3), install, install]);
    expect(observed(again.actions)).toEqual([]);
    expect(sends(again.actions)).toEqual([
      { to: 3, msg: { type: 'Installed', op: 'c0.1', attempt: 1 } },
    ]);
  });

  it('as a weak representative, takes no lock and only newer versions', () => {
    const { snapshot } = run(representative, { votes: 0 }, [
      lock('c0.1', 3),
      lock('c1.1', 4),
      { type: 'Install', op: 'c1.1', attempt: 1, version: 2, value: 5, from: 4 },
      { type: 'Install', op: 'c0.1', attempt: 1, version: 1, value: 4, from: 3 },
    ]);
    expect(snapshot.value).toBe('cache');
    expect((snapshot.context as RepresentativeContext).version).toBe(2);
  });
});

const input = { name: 'c0', votes: [1, 1, 1], r: 2, w: 2, retries: 1, order: [0, 1, 2] };
const granted = (from: number, version: number, value: number | null) => ({
  type: 'Granted',
  op: 'c0.1',
  attempt: 1,
  version,
  value,
  votes: 1,
  from,
});

describe('a voting client', () => {
  it('asks just enough representatives, in its order, and reads the highest version', () => {
    const start = run(client, input, [{ type: 'invoke', f: 'read' }]);
    expect(sends(start.actions)).toEqual([
      { to: [0, 1], msg: { type: 'Lock', op: 'c0.1', attempt: 1 } },
    ]);
    const { snapshot, actions } = run(client, input, [
      { type: 'invoke', f: 'read' },
      granted(0, 1, 10),
      granted(1, 2, 20),
    ]);
    expect(snapshot.value).toBe('idle');
    expect(observed(actions)).toContainEqual({
      kind: 'ok',
      op: 'c0.1',
      f: 'read',
      value: 20,
      version: 2,
    });
  });

  it('asks a further representative when one is busy, and backs off when the quorum is out of reach', () => {
    const busy = (from: number) => ({ type: 'Busy', op: 'c0.1', attempt: 1, from });
    const one = run(client, input, [{ type: 'invoke', f: 'write', value: 5 }, busy(0)]);
    expect(sends(one.actions)).toEqual([
      { to: [2], msg: { type: 'Lock', op: 'c0.1', attempt: 1 } },
    ]);
    const two = run(client, input, [
      { type: 'invoke', f: 'write', value: 5 },
      busy(0),
      granted(1, 0, null),
      busy(2),
    ]);
    expect(two.snapshot.value).toBe('backingOff');
    expect(sends(two.actions)).toEqual([
      { to: [1], msg: { type: 'Release', op: 'c0.1', attempt: 1 } },
    ]);
  });

  it('installs one more than the highest version its write quorum holds', () => {
    const { snapshot, actions } = run(client, input, [
      { type: 'invoke', f: 'write', value: 5 },
      granted(0, 3, 1),
      granted(1, 2, 2),
    ]);
    expect(snapshot.value).toBe('installing');
    expect((snapshot.context as ClientContext).version).toBe(4);
    expect(sends(actions)).toEqual([
      { to: [0, 1], msg: { type: 'Install', op: 'c0.1', attempt: 1, version: 4, value: 5 } },
    ]);
  });

  it('releases a grant it does not use', () => {
    const { actions } = run(client, input, [granted(2, 0, null)]);
    expect(sends(actions)).toEqual([{ to: 2, msg: { type: 'Release', op: 'c0.1', attempt: 1 } }]);
  });
});

describe('voting faults', () => {
  it('resends Lock to the silent representatives on a timeout, asks others in their place, then gives up', () => {
    const read = { type: 'invoke', f: 'read' };
    const once = run(client, input, [read, { type: 'timeout' }]);
    expect(sends(once.actions)).toEqual([
      { to: [0, 1, 2], msg: { type: 'Lock', op: 'c0.1', attempt: 1 } },
    ]);
    const twice = run(client, input, [read, { type: 'timeout' }, { type: 'timeout' }]);
    expect(twice.snapshot.value).toBe('idle');
    expect(observed(twice.actions)).toEqual([{ kind: 'fail', op: 'c0.1' }]);
  });

  it('reports a write whose Install went out but was never acknowledged as unknown', () => {
    const { actions } = run(client, input, [
      { type: 'invoke', f: 'write', value: 5 },
      granted(0, 0, null),
      granted(1, 0, null),
      { type: 'timeout' },
      { type: 'timeout' },
    ]);
    expect(observed(actions)).toEqual([{ kind: 'info', op: 'c0.1' }]);
  });

  it('keeps a representative’s copy and lock across a crash, and a client’s operation counter', () => {
    const rep = variants[0]!.roles['representative']!;
    const last = {
      votes: 1,
      version: 3,
      value: 7,
      writer: 'c0.2',
      holder: { op: 'c1.1', attempt: 1 },
    };
    expect(rep.recoverInput!(last, { votes: 1 })).toEqual(last);
    const cl = variants[0]!.roles['client']!;
    expect(cl.recoverInput!({ seq: 4, op: null }, input)).toEqual({ ...input, seq: 4, lost: null });
  });

  it('reports the operation a client was running when it crashed as unknown when it restarts', () => {
    const cl = variants[0]!.roles['client']!;
    const restart = cl.recoverInput!({ seq: 4, op: { id: 'c0.4', f: 'read' } }, input);
    expect(restart).toEqual({ ...input, seq: 4, lost: 'c0.4' });
    const { snapshot, actions } = run(client, restart, []);
    expect(snapshot.value).toBe('idle');
    expect(observed(actions)).toEqual([{ kind: 'info', op: 'c0.4' }]);
    expect((snapshot.context as ClientContext).lost).toBeNull();
    expect(observed(run(client, input, []).actions)).toEqual([]);
  });
});

describe('the spinning client (mutant spins-on-busy-lock)', () => {
  const spinning = variants.find((v) => v.name === 'spins-on-busy-lock')!.roles['client']!.machine;
  const busy = { type: 'Busy', op: 'c0.1', attempt: 1, from: 1 };

  it('asks a busy representative again at once, recording nothing, instead of going around it', () => {
    const { snapshot, actions } = run(spinning, input, [
      { type: 'invoke', f: 'write', value: 5 },
      granted(0, 0, null),
      busy,
      busy,
    ]);
    expect(snapshot.value).toBe('locking');
    expect((snapshot.context as ClientContext).busy).toEqual([]);
    // The second Busy, like the first, is answered with the same Lock (the last step's sends).
    expect(sends(actions)).toEqual([{ to: 1, msg: { type: 'Lock', op: 'c0.1', attempt: 1 } }]);
  });
});
