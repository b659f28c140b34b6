/**
 * Observations are part of a world's identity: a node that observes on every redelivery of a
 * message makes a bounded configuration unbounded. The exhaustive engine says so in one line
 * (instead of searching forever), and a protocol can keep such a kind out of the identity.
 */
import * as fc from 'fast-check';
import { setup } from 'xstate';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { UsageError } from '../../../checkers/usage-error.ts';
import { defineProtocol, defineRole } from '../../../models/kernel/define.ts';
import { roleKit, type Outgoing } from '../../../models/kernel/step.ts';

interface Ping {
  readonly type: 'Ping';
  readonly from: number;
}

const kit = roleKit<{ context: { readonly self: number }; events: Ping; sends: Outgoing<Ping> }>();

/** Node 0 pings node 1 once; node 1 logs every Ping it gets (`got`), changing nothing else. */
const node = setup({
  types: { ...kit.types, input: {} as { self: number } },
  actions: {
    ...kit.effects,
    ping: kit.step(({ context, out }) => {
      if (context.self === 0) out.send(1, { type: 'Ping' });
    }),
    log: kit.on('Ping', ({ out }) => out.observe('got', {})),
  },
}).createMachine({
  context: ({ input }) => ({ self: input.self }),
  entry: 'ping',
  on: { Ping: { actions: 'log' } },
});

const pinger = (outside?: readonly string[]) =>
  defineProtocol({
    name: 'pinger',
    title: 'logs every redelivery',
    source: 'test',
    variants: [{ name: 'pinger', description: 'logs', roles: { node: defineRole(node) } }],
    properties: [],
    nodes: { min: 2, max: 2, default: 2 },
    defaultRuns: 10,
    paramsSchema: z.strictObject({}),
    configure: () => ({
      network: 'duplicating',
      nodes: [0, 1].map((self) => ({ role: 'node', name: `n${self}`, input: { self } })),
      inputs: [],
      faults: {},
    }),
    scenarios: () => fc.constant({}),
    bounded: () => ({}),
    ...(outside === undefined ? {} : { observationsOutsideIdentity: outside }),
  });

describe('observations and state identity', () => {
  it('a step that only adds observations is refused with one line naming the node and kind', () => {
    const p = pinger();
    expect(() => runExhaustive(p, p.variants[0]!)).toThrow(UsageError);
    expect(() => runExhaustive(p, p.variants[0]!)).toThrow(
      /^pinger: the bounded configuration is unbounded: n1 observes 'got' on a step that changes nothing else .*observationsOutsideIdentity$/,
    );
  });

  it('declared outside the identity, the kind no longer tells worlds apart: the search ends', () => {
    const p = pinger(['got']);
    const r = runExhaustive(p, p.variants[0]!);
    expect(r.complete).toBe(true);
    expect(r.distinct).toBe(1);
  });
});
