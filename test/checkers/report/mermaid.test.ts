import { describe, expect, it } from 'vitest';
import type { Chart } from '../../../checkers/report/chart.ts';
import { order, step } from './chart-steps.ts';
import { escapeLabel, renderMermaid } from '../../../checkers/report/mermaid.ts';

/** A fixed-sequencer run that breaks total order: every kind of line the renderer writes. */
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
    step({ type: 'deliver', from: 2, to: 0, msg: { type: 'Ack' } }),
    step({ type: 'drop', from: 0, to: 2, msg: order('m0', 1) }),
    step({ type: 'duplicate', from: 1, to: 2, msg: order('m0', 1) }),
    step({ type: 'crash', node: 1 }, { node: 1, kind: 'crash' }),
    step({ type: 'heal' }),
    step(
      { type: 'deliver', from: 0, to: 2, msg: order('m0', 1) },
      { node: 2, kind: 'deliver', msg: 'm0' },
      { node: 2, kind: 'execute', msg: 'm0', seq: 1 },
    ),
    step({ type: 'timeout', node: 2, event: { type: 'Tick' } }),
  ],
  violation: {
    property: 'total-order',
    message: 'm0 and m2 deliver m0, m1 in different orders',
    nodes: [0, 2],
    messages: ['m0', 'm1'],
    step: 10,
  },
};

/** Payloads and names full of characters Mermaid's sequenceDiagram syntax would swallow. */
const hostile: Chart = {
  title: 'kv; #1',
  nodes: ['a;b', 'c#d'],
  steps: [
    step(
      { type: 'deliver', from: 0, to: 1, msg: { type: 'Put', key: 'x;y', note: '#1 <b>&' } },
      { node: 1, kind: 'apply', key: 'x;y' },
    ),
    step({ type: 'join', node: 0 }),
    step({ type: 'leave', node: 1 }),
    step({ type: 'recover', node: 0 }),
    step({ type: 'choose', node: 1, event: { type: 'Pick' } }),
  ],
  violation: {
    property: 'linearizability',
    message: 'read x;y saw a stale value\nafter the write',
    nodes: [1],
    messages: ['x;y'],
    step: 1,
  },
};

/** The lines left after removing Mermaid entity codes: none may contain a raw `;` or `#`. */
const withoutEntities = (text: string) => text.replace(/#\w+;/g, '').split('\n');

describe('renderMermaid', () => {
  it('renders a sequence diagram of the run, the violating step highlighted', () => {
    expect(renderMermaid(sequencer)).toMatchInlineSnapshot(`
      "sequenceDiagram
        title total-order / fixed-sequencer / random
        participant n0 as m0
        participant n1 as m1
        participant n2 as m2
        %% step 1
        Note over n0: m0 ← client Bcast{value:"x"}
        Note right of n0: multicast m0
        %% step 2
        n0->>n1: Order{id:"m0",seq:1}
        Note right of n1: deliver m0
        %% step 3
        n0->>n0: Order{id:"m0",seq:1}
        %% step 4
        Note over n0,n2: partition {m0,m1} | rest
        %% step 5
        n2->>n0: Ack
        %% step 6
        n0-xn2: drop Order{id:"m0",seq:1}
        %% step 7
        n1-)n2: dup Order{id:"m0",seq:1}
        %% step 8
        Note over n1: crash m1
        Note right of n1: crash
        %% step 9
        Note over n0,n2: heal
        %% step 10
        rect rgb(255, 230, 230)
          n0->>n2: Order{id:"m0",seq:1}
          Note right of n2: deliver m0
          Note right of n2: execute m0 1
        end
        %% step 11
        Note over n2: m2 timeout Tick
        Note over n0,n2: ✗ violation of total-order: m0 and m2 deliver m0, m1 in different orders"
    `);
  });

  it('escapes syntax characters in names, labels and the violation', () => {
    expect(renderMermaid(hostile)).toMatchInlineSnapshot(`
      "sequenceDiagram
        title kv#59; #35;1
        participant n0 as a#59;b
        participant n1 as c#35;d
        %% step 1
        rect rgb(255, 230, 230)
          n0->>n1: Put{key:"x#59;y",note:"#35;1 #lt;b#gt;#amp;"}
          Note right of n1: apply x#59;y
        end
        %% step 2
        Note over n0: join a#59;b
        %% step 3
        Note over n1: leave c#35;d
        %% step 4
        Note over n0: recover a#59;b
        %% step 5
        Note over n1: c#35;d chooses Pick
        Note over n0,n1: ✗ violation of linearizability: read x#59;y saw a stale value<br/>after the write"
    `);
  });

  it('starts with sequenceDiagram and declares every node once', () => {
    const lines = renderMermaid(sequencer).split('\n');
    expect(lines[0]).toBe('sequenceDiagram');
    expect(lines.filter((line) => line.trimStart().startsWith('participant '))).toEqual([
      '  participant n0 as m0',
      '  participant n1 as m1',
      '  participant n2 as m2',
    ]);
  });

  it('writes exactly one ->> line per deliver', () => {
    const delivers = sequencer.steps.filter((s) => s.action.type === 'deliver').length;
    const arrows = renderMermaid(sequencer)
      .split('\n')
      .filter((line) => line.includes('->>'));
    expect(arrows).toHaveLength(delivers);
  });

  it('ends with the violation note over every participant', () => {
    expect(renderMermaid(sequencer).split('\n').at(-1)).toBe(
      '  Note over n0,n2: ✗ violation of total-order: m0 and m2 deliver m0, m1 in different orders',
    );
  });

  it('wraps exactly the violating step in a rect', () => {
    const lines = renderMermaid(sequencer).split('\n');
    const start = lines.indexOf('  rect rgb(255, 230, 230)');
    expect(lines[start - 1]).toBe('  %% step 10');
    expect(lines.slice(start + 1, lines.indexOf('  end'))).toEqual([
      '    n0->>n2: Order{id:"m0",seq:1}',
      '    Note right of n2: deliver m0',
      '    Note right of n2: execute m0 1',
    ]);
  });

  it('leaves no raw ; or # outside entity codes, and no line break inside a label', () => {
    const text = renderMermaid(hostile);
    for (const line of withoutEntities(text)) {
      if (line.trimStart().startsWith('%%')) continue;
      expect(line).not.toMatch(/[;#]/);
    }
    expect(text).toContain('n0->>n1: Put{key:"x#59;y",note:"#35;1 #lt;b#gt;#amp;"}');
    expect(text).toContain('stale value<br/>after the write');
  });

  it('has no rect or violation note for a clean run', () => {
    const text = renderMermaid({ ...sequencer, violation: null });
    expect(text).not.toContain('rect');
    expect(text).not.toContain('violation');
  });
});

describe('escapeLabel', () => {
  it('escapes # before adding entity codes of its own', () => {
    // Mermaid decodes this back to the literal `#59;`, not to `;`.
    expect(escapeLabel('#59;')).toBe('#35;59#59;');
  });

  it('turns line breaks into <br/> and trims the ends', () => {
    expect(escapeLabel(' a\r\nb\nc ')).toBe('a<br/>b<br/>c');
  });
});
