import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import { checkNoMissedAction, noMissedAction } from '../../properties/no-missed-action.ts';

/** `node` (a client) is answered `op` in view `view`. */
const ok = (node: number, op: string, view: number): Observation => ({
  node,
  kind: 'ok',
  op,
  value: 1,
  view,
});
/** Replica `node` installs view `view`, starting from a log holding `log`. */
const install = (node: number, view: number, ...log: string[]): Observation => ({
  node,
  kind: 'install',
  view,
  members: [node],
  log,
});

describe('no-missed-action property', () => {
  it('is a safety property named no-missed-action', () => {
    expect(noMissedAction).toMatchObject({ name: 'no-missed-action', kind: 'safety' });
    expect(noMissedAction.check).toBe(checkNoMissedAction);
  });
});

describe('checkNoMissedAction on histories that satisfy it', () => {
  it('holds on the empty history and without a later view', () => {
    expect(checkNoMissedAction([])).toBeNull();
    expect(checkNoMissedAction([ok(3, 'c0.1', 0), install(1, 0)])).toBeNull();
  });

  it('holds when every later view starts from a log with the acknowledged request', () => {
    const history = [
      ok(3, 'c0.1', 0),
      install(1, 1, 'c0.1'),
      install(2, 1, 'c0.1'),
      ok(3, 'c0.2', 1),
      install(2, 5, 'c0.1', 'c0.2'),
    ];

    expect(checkNoMissedAction(history)).toBeNull();
  });

  it('does not ask an older view, installed late, for a newer acknowledgement', () => {
    const history = [install(1, 4, 'c0.1'), ok(3, 'c0.2', 4), install(2, 2, 'c0.1')];

    expect(checkNoMissedAction(history)).toBeNull();
  });

  it('skips observations it cannot read', () => {
    const history: History = [
      { node: 3, kind: 'ok', op: 'c0.1' },
      { node: 3, kind: 'ok', view: 0 },
      { node: 1, kind: 'install', view: 1, log: 'c0.1' },
      { node: 1, kind: 'apply', op: 'c0.1', view: 0 },
      { node: 0, kind: 'crash' },
    ];

    expect(checkNoMissedAction(history)).toBeNull();
  });
});

describe('checkNoMissedAction on histories that violate it', () => {
  it('reports a later view installed without an acknowledged request', () => {
    const history = [ok(3, 'c0.1', 0), install(1, 1), install(2, 1)];

    expect(checkNoMissedAction(history)).toEqual({
      property: 'no-missed-action',
      message: 'node 1 installed view 1 without c0.1, acknowledged to node 3 in view 0',
      nodes: [1, 3],
      messages: ['c0.1'],
    });
  });

  it('reports an acknowledgement that arrives after a view that misses it', () => {
    const history = [install(2, 3, 'c0.1'), ok(4, 'c1.1', 0)];

    expect(checkNoMissedAction(history)).toEqual({
      property: 'no-missed-action',
      message: 'node 2 installed view 3 without c1.1, acknowledged to node 4 in view 0',
      nodes: [2, 4],
      messages: ['c1.1'],
    });
  });

  it('reports the first missing pair in history order', () => {
    const history = [
      ok(3, 'c0.1', 0),
      ok(4, 'c1.1', 0),
      install(1, 1, 'c0.1'),
      install(2, 1, 'c1.1'),
    ];

    expect(checkNoMissedAction(history)).toMatchObject({ nodes: [1, 4], messages: ['c1.1'] });
  });
});

/** Acknowledgements (op k in view `view`) and installs (a view, and which ops its log holds). */
const events = fc.array(
  fc.oneof(
    fc.record({ ack: fc.constant(true), op: fc.nat(3), view: fc.nat(4) }),
    fc.record({
      ack: fc.constant(false),
      node: fc.nat(2),
      view: fc.nat(4),
      holds: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    }),
  ),
  { maxLength: 12 },
);
type Events = typeof events extends fc.Arbitrary<infer T> ? T : never;

/** The history of the events; with `closed`, each install's log also holds every op acked below it. */
function historyOf(es: Events, closed: boolean): History {
  return es.map((e) => {
    if (e.ack) return ok(3, `op${e.op}`, e.view);
    const log = e.holds.flatMap((h, k) => {
      const needed = es.some((a) => a.ack && a.op === k && a.view < e.view);
      return h || (closed && needed) ? [`op${k}`] : [];
    });
    return install(e.node, e.view, ...log);
  });
}

describe('checkNoMissedAction, property-based', () => {
  test.prop([events])('holds when every install holds what earlier views acknowledged', (es) => {
    expect(checkNoMissedAction(historyOf(es, true))).toBeNull();
  });

  test.prop([events])(
    'a verdict names a view that really misses an earlier acknowledgement',
    (es) => {
      const history = historyOf(es, false);
      const verdict = checkNoMissedAction(history);
      const missing = history.some(
        (i) =>
          i.kind === 'install' &&
          history.some(
            (a) =>
              a.kind === 'ok' &&
              (a.view as number) < (i.view as number) &&
              !(i.log as string[]).includes(a.op as string),
          ),
      );
      expect(verdict !== null).toBe(missing);
      if (verdict !== null)
        expect(verdict.message).toMatch(/^node \d installed view \d without op\d/);
    },
  );
});
