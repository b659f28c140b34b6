import { describe, expect, it } from 'vitest';
import type { Chart } from '../../../checkers/report/chart.ts';
import { order, step } from './chart-steps.ts';
import { renderTextChart } from '../../../checkers/report/text-chart.ts';

/** A fixed-sequencer run that breaks total order: every arrow shape, an input, a crash, a cut. */
const sequencer: Chart = {
  title: 'total-order / fixed-sequencer / random',
  nodes: ['m0', 'm1', 'm2'],
  steps: [
    step(
      { type: 'input', node: 0, event: { type: 'Bcast', value: 'x' } },
      { node: 0, kind: 'multicast', msg: 'm0' },
    ),
    step(
      { type: 'deliver', from: 0, to: 1, msg: order('m0', 1) },
      { node: 1, kind: 'deliver', msg: 'm0' },
    ),
    step({ type: 'deliver', from: 0, to: 0, msg: order('m0', 1) }),
    step({ type: 'partition', side: [0, 1] }),
    step(
      { type: 'deliver', from: 2, to: 0, msg: { type: 'Ack' } },
      { node: 0, kind: 'deliver', msg: 'm1', seq: 2 },
      { node: 0, kind: 'execute', msg: 'm1' },
    ),
    step({ type: 'drop', from: 0, to: 2, msg: order('m0', 1) }),
    step({ type: 'crash', node: 1 }, { node: 1, kind: 'crash' }),
    step({ type: 'heal' }),
    step(
      { type: 'deliver', from: 2, to: 2, msg: { type: 'Tick' } },
      {
        node: 2,
        kind: 'deliver',
        msg: 'm1',
      },
    ),
    step(
      { type: 'deliver', from: 0, to: 2, msg: order('m0', 1) },
      { node: 2, kind: 'deliver', msg: 'm0' },
    ),
  ],
  violation: {
    property: 'total-order',
    message: 'm0 and m2 deliver m0, m1 in different orders',
    nodes: [0, 2],
    messages: ['m0', 'm1'],
    step: 10,
  },
};

/** Long names and the remaining action kinds; `replica-2` joins late, so it starts out dotted. */
const membership: Chart = {
  title: 'membership / basic / exhaustive',
  nodes: ['coordinator', 'replica-1', 'replica-2'],
  steps: [
    step({ type: 'timeout', node: 0, event: { type: 'Tick' } }),
    step({ type: 'choose', node: 1, event: { type: 'Vote', yes: true } }),
    step({ type: 'join', node: 2 }, { node: 2, kind: 'join' }),
    step({ type: 'duplicate', from: 2, to: 0, msg: { type: 'Hello' } }),
    step({ type: 'deliver', from: 2, to: 0, msg: { type: 'Hello' } }),
    step({ type: 'leave', node: 1 }, { node: 1, kind: 'leave' }),
    step({ type: 'crash', node: 0 }),
    step({ type: 'recover', node: 0 }, { node: 0, kind: 'recover', epoch: 1, view: [0, 2] }),
  ],
  violation: null,
};

describe('renderTextChart', () => {
  it('draws arrows, loops, markers, observations and the violation', () => {
    expect(renderTextChart(sequencer)).toMatchInlineSnapshot(`
      "total-order / fixed-sequencer / random
             m0    m1    m2
         1   ●     │     │    m0 ← client Bcast{value:"x"}
             │     │     │      m0: multicast m0
         2   ├────▶│     │    Order{id:"m0",seq:1}
             │     │     │      m1: deliver m0
         3   ├─╮   │     │    Order{id:"m0",seq:1}
             │◀╯   │     │
         4 ┄┄│┄┄┄┄┄│┄┄┄┄┄│┄┄┄ partition {m0,m1} | rest
         5   │◀──────────┤    Ack
             │     │     │      m0: deliver m1 2
             │     │     │      m0: execute m1
         6   ~     │     │    drop m0 → m2  Order{id:"m0",seq:1}
         7   │     ✕     │    crash m1
             │     ┆     │      m1: crash
         8   │     ┆     │    heal
         9   │     ┆     ├─╮  Tick
             │     ┆     │◀╯    m2: deliver m1
      ✗ 10   ├──────────▶│    Order{id:"m0",seq:1}
             │     ┆     │      m2: deliver m0
      violation of total-order at step 10: m0 and m2 deliver m0, m1 in different orders"
    `);
  });

  it('draws the other actions and widens columns to the longest name', () => {
    expect(renderTextChart(membership)).toMatchInlineSnapshot(`
      "membership / basic / exhaustive
           coordinator   replica-1    replica-2
        1       ◷            │            ┆       coordinator timeout Tick
        2       │            ◆            ┆       replica-1 chooses Vote{yes:true}
        3       │            │            +       join replica-2
                │            │            │         replica-2: join
        4       │            │            ~       dup replica-2 → coordinator  Hello
        5       │◀────────────────────────┤       Hello
        6       │            −            │       leave replica-1
                │            ┆            │         replica-1: leave
        7       ✕            ┆            │       crash coordinator
        8       ↻            ┆            │       recover coordinator
                │            ┆            │         coordinator: recover 1 [0,2]"
    `);
  });

  it('leaves no trailing spaces on any line', () => {
    for (const chart of [sequencer, membership]) {
      for (const line of renderTextChart(chart).split('\n')) expect(line).toBe(line.trimEnd());
    }
  });

  it('ends with the violation line and marks only the violating step', () => {
    const lines = renderTextChart(sequencer).split('\n');
    expect(lines.at(-1)).toBe(
      'violation of total-order at step 10: m0 and m2 deliver m0, m1 in different orders',
    );
    expect(lines.filter((line) => line.startsWith('✗'))).toEqual([
      '✗ 10   ├──────────▶│    Order{id:"m0",seq:1}',
    ]);
  });

  it('has no violation line or mark for a clean run', () => {
    const text = renderTextChart(membership);
    expect(text).not.toContain('violation');
    expect(text).not.toContain('✗');
  });

  it('draws one arrow row per delivery between distinct nodes, in the message direction', () => {
    const lines = renderTextChart(sequencer).split('\n');
    expect(lines.filter((line) => line.includes('▶│'))).toHaveLength(2);
    expect(lines.filter((line) => line.includes('│◀─'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('├─╮'))).toHaveLength(2);
  });

  it('keeps columns at least six wide and centres names over their lifelines', () => {
    const [, header, first] = renderTextChart(sequencer).split('\n');
    expect(header).toBe('       m0    m1    m2');
    expect(first?.indexOf('●')).toBe(header?.indexOf('m0'));
  });

  it('is deterministic', () => {
    expect(renderTextChart(sequencer)).toBe(renderTextChart(sequencer));
  });

  it('renders a chart with no steps as a title and a header', () => {
    const empty: Chart = { title: 'empty', nodes: ['a', 'b'], steps: [], violation: null };
    expect(renderTextChart(empty)).toBe('empty\n      a     b');
  });
});
