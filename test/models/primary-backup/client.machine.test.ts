import { describe, expect, it } from 'vitest';
import type { PrimaryBackupParams } from '../../../models/primary-backup/model.ts';
import {
  crash,
  deliver,
  entry,
  from,
  inFlight,
  invoke,
  node,
  normalCase,
  observed,
  request,
  run,
  system,
  timeout,
} from './helpers.ts';

/** c0 increments x, then reads it. */
const twoCalls: PrimaryBackupParams = {
  servers: 3,
  clients: 1,
  calls: [
    { client: 0, f: 'incr', key: 'x' },
    { client: 0, f: 'read', key: 'x' },
  ],
  crashes: 1,
  timeouts: 2,
  partitions: 0,
};

describe('the client', () => {
  it('numbers its request and sends it to the server it believes is the master', () => {
    const sys = system();
    const w = run(sys, invoke(3));

    expect(node(sys, w, 3).state).toBe('waiting');
    expect(inFlight(sys, w, 3, 0)).toEqual([request()]);
    expect(observed(w)).toEqual([{ node: 3, kind: 'invoke', op: 'c0.1', f: 'incr', key: 'x' }]);
  });

  it('retries to every server on a timeout, with the same request number', () => {
    const sys = system();
    const w = run(sys, invoke(3), timeout(3));

    expect([0, 1, 2].map((s) => inFlight(sys, w, 3, s))).toEqual([
      [request(), request()],
      [request()],
      [request()],
    ]);
    expect(observed(w, 'invoke')).toHaveLength(1);
  });

  it('queues a call made while waiting and issues it, numbered next, once answered', () => {
    const sys = system('master-slaves', twoCalls);
    let w = run(sys, invoke(3), invoke(3, 'read'));
    expect(inFlight(sys, w, 3, 0)).toEqual([request()]);
    expect(observed(w, 'invoke')).toHaveLength(1);

    w = from(
      sys,
      w,
      ...normalCase().slice(1),
      deliver(0, 3, { type: 'Reply', r: 1, value: 1, view: 0 }),
    );
    expect(inFlight(sys, w, 3, 0)).toEqual([request(2, 'read')]);
    expect(observed(w, 'invoke', 'ok')).toEqual([
      { node: 3, kind: 'invoke', op: 'c0.1', f: 'incr', key: 'x' },
      { node: 3, kind: 'ok', op: 'c0.1', value: 1, view: 0 },
      { node: 3, kind: 'invoke', op: 'c0.2', f: 'read', key: 'x' },
    ]);
  });

  it('ignores a second answer to a request it has had answered, and goes idle', () => {
    const sys = system();
    const reply = { type: 'Reply', r: 1, value: 1, view: 0 };
    const w = run(
      sys,
      ...normalCase(),
      timeout(3),
      deliver(3, 0, request()),
      deliver(0, 3, reply),
      deliver(0, 3, reply),
    );

    expect(node(sys, w, 3).state).toBe('idle');
    expect(observed(w, 'ok')).toHaveLength(1);
  });

  it('learns the master from whoever answers, and sends its next request there', () => {
    const sys = system('master-slaves', twoCalls);
    const update = { type: 'Update', view: 0, entry: entry() };
    const start = { type: 'StartView', view: 1, members: [1, 2], log: [entry()], committed: 0 };
    const w = run(
      sys,
      invoke(3),
      deliver(3, 0, request()),
      deliver(0, 1, update),
      deliver(0, 2, update),
      crash(0),
      timeout(3),
      deliver(3, 1, request()),
      timeout(1),
      deliver(1, 2, { type: 'StartViewChange', view: 1 }),
      deliver(2, 1, { type: 'DoViewChange', view: 1, normal: 0, log: [entry()], committed: 0 }),
      deliver(1, 2, start),
      deliver(2, 1, { type: 'Ack', view: 1, length: 1 }),
      invoke(3, 'read'),
      deliver(1, 3, { type: 'Reply', r: 1, value: 1, view: 1 }),
    );

    expect(node(sys, w, 3).context).toMatchObject({ master: 1, r: 2 });
    expect(inFlight(sys, w, 3, 1)).toEqual([request(2, 'read')]);
  });
});
