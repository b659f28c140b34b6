/**
 * The benchmark's atomic-commit protocol, written through the public API as a user would (issue
 * 16's yardstick: a transaction manager and n resource managers over a duplicating network, TLA+'s
 * message soup): each resource manager chooses to prepare or abort, the manager commits once every
 * one has prepared and aborts on the first abort, and every resource manager ends as decided. It is
 * the shape of Gray and Lamport's TwoPhase spec: a few local states, many interleavings, and a
 * network whose delivered messages stay deliverable. Safety: no commit next to an abort.
 */
import * as fc from 'fast-check';
import { setup } from 'xstate';
import { z } from 'zod';
import { defineProtocol } from '../models/kernel/define.ts';
import type { Config, Variant } from '../models/kernel/protocol.ts';
import type { CheckedProperty } from '../models/kernel/spec.ts';
import { roleKit, type Outgoing } from '../models/kernel/step.ts';

type Msg =
  | { readonly type: 'Prepared'; readonly from: number }
  | { readonly type: 'Aborted'; readonly from: number }
  | { readonly type: 'Commit'; readonly from: number }
  | { readonly type: 'Abort'; readonly from: number };

type RmEvent = { readonly type: 'prepare' } | { readonly type: 'abort' } | Msg;

const rmKit = roleKit<{
  context: { readonly self: number };
  events: RmEvent;
  sends: Outgoing<Msg>;
  input: { readonly self: number };
}>();

/** A resource manager: working, then prepared or aborted, then committed or aborted. */
const rm = setup({
  types: rmKit.types,
  actions: {
    ...rmKit.effects,
    prepare: rmKit.on('prepare', ({ out }) => out.send(0, { type: 'Prepared' })),
    abort: rmKit.on('abort', ({ out }) => {
      out.observe('aborted', {});
      out.send(0, { type: 'Aborted' });
    }),
    commit: rmKit.on('Commit', ({ out }) => out.observe('committed', {})),
    told: rmKit.on('Abort', ({ out }) => out.observe('aborted', {})),
  },
}).createMachine({
  id: 'rm',
  context: ({ input }) => ({ self: input.self }),
  initial: 'working',
  states: {
    working: {
      on: {
        prepare: { target: 'prepared', actions: 'prepare' },
        abort: { target: 'aborted', actions: 'abort' },
      },
    },
    prepared: {
      on: {
        Commit: { target: 'committed', actions: 'commit' },
        Abort: { target: 'aborted', actions: 'told' },
      },
    },
    committed: {},
    aborted: {},
  },
});

type TmEvent = Msg;

const tmKit = roleKit<{
  context: { readonly rms: number; readonly prepared: readonly number[] };
  events: TmEvent;
  sends: Outgoing<Msg>;
  input: { readonly rms: number };
}>();

/** The transaction manager: collects votes, then decides once and tells every resource manager. */
const tm = setup({
  types: tmKit.types,
  actions: {
    ...tmKit.effects,
    note: tmKit.on('Prepared', ({ context, event }) =>
      context.prepared.includes(event.from)
        ? {}
        : { prepared: [...context.prepared, event.from].sort((a, b) => a - b) },
    ),
    commitAll: tmKit.step(({ context, out }) => {
      out.observe('decided', { commit: true });
      for (let r = 1; r <= context.rms; r++) out.send(r, { type: 'Commit' });
    }),
    abortAll: tmKit.step(({ context, out }) => {
      out.observe('decided', { commit: false });
      for (let r = 1; r <= context.rms; r++) out.send(r, { type: 'Abort' });
    }),
  },
  guards: {
    allPrepared: ({ context }) => context.prepared.length === context.rms,
  },
}).createMachine({
  id: 'tm',
  context: ({ input }) => ({ rms: input.rms, prepared: [] }),
  initial: 'collecting',
  states: {
    collecting: {
      always: { guard: 'allPrepared', target: 'committed', actions: 'commitAll' },
      on: {
        Prepared: { actions: 'note' },
        Aborted: { target: 'aborted', actions: 'abortAll' },
      },
    },
    committed: {},
    aborted: {},
  },
});

/** No resource manager commits while another aborts. */
export const consistency: CheckedProperty = {
  name: 'commit-consistency',
  statement: 'no resource manager commits while another aborts',
  kind: 'safety',
  check: (history) => {
    const commit = history.find((o) => o.kind === 'committed');
    const abort = history.find((o) => o.kind === 'aborted');
    return commit !== undefined && abort !== undefined
      ? {
          property: 'commit-consistency',
          message: `node ${commit.node} committed and node ${abort.node} aborted`,
          nodes: [commit.node, abort.node],
          messages: [],
        }
      : null;
  },
};

const variants: readonly Variant[] = [
  {
    name: 'two-phase-commit',
    description: 'commit once every resource manager prepared, abort on the first abort',
    roles: {
      tm: { machine: tm },
      rm: { machine: rm, choices: [{ type: 'prepare' }, { type: 'abort' }] },
    },
  },
];

function configure(p: { readonly rms: number }): Config {
  return {
    network: 'duplicating',
    nodes: [
      { role: 'tm', name: 'tm', input: { rms: p.rms } },
      ...Array.from({ length: p.rms }, (_, i) => ({
        role: 'rm',
        name: `rm${i + 1}`,
        input: { self: i + 1 },
      })),
    ],
    inputs: [],
    faults: {},
  };
}

/** The protocol: `rms` resource managers (the benchmark uses 6 to 8). */
export const twoPhaseCommitProtocol = defineProtocol({
  name: 'bench-two-phase-commit',
  title: 'Two-phase commit over a duplicating network (benchmark)',
  source: 'Gray and Lamport, Consensus on Transaction Commit (2006), the TwoPhase specification.',
  variants,
  properties: [consistency],
  nodes: { min: 2, max: 9, default: 4, param: 'rms', counts: 'resource managers' },
  defaultRuns: 100,
  paramsSchema: z.strictObject({ rms: z.number().int().min(1).max(8) }),
  configure,
  scenarios: () => fc.constant({ rms: 3 }),
  bounded: (n) => ({ rms: n }),
});
