import { match } from 'ts-pattern';
import { describeAction, describePayload, type Action } from '../../models/kernel/action.ts';
import type { Chart } from './chart.ts';
import { nodeNamer, observationSummary } from './chart-labels.ts';

/** Entity codes (Mermaid turns `#59;` into `&#59;`) for characters a label cannot hold as is. */
const ESCAPES: Readonly<Record<string, string>> = {
  // `#` starts a comment and `;` ends a statement anywhere in a label.
  '#': '#35;',
  ';': '#59;',
  // Labels are rendered as HTML: keep payload text from being read as markup.
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
};

/**
 * A Mermaid `sequenceDiagram` of the chart. Nodes are participants `n0`, `n1`… aliased to their
 * names; each step is preceded by a `%% step N` comment, and the violating step is wrapped in a
 * red `rect`; a livelock's repeating steps are wrapped in a `loop` block. It does not use `autonumber`: Mermaid numbers only arrows, so its numbers would
 * disagree with the trace's step numbers as soon as a step is drawn as a note (crash, partition…).
 */
export function renderMermaid(chart: Chart): string {
  const name = nodeNamer(chart.nodes);
  const everyone = chart.nodes.length > 1 ? `n0,n${chart.nodes.length - 1}` : 'n0';
  const lines = ['sequenceDiagram'];
  if (chart.title.trim() !== '') lines.push(`  title ${escapeLabel(chart.title)}`);
  chart.nodes.forEach((node, i) => lines.push(`  participant n${i} as ${escapeLabel(node)}`));

  const loop = chart.violation?.loop;
  chart.steps.forEach((step, index) => {
    const body = [
      actionLine(step.action, name, everyone),
      ...step.observations.map(
        (obs) => `Note right of n${obs.node}: ${escapeLabel(observationSummary(obs))}`,
      ),
    ];
    if (loop !== undefined && index === loop.from) lines.push(`  loop ${loopLabel(loop.kind)}`);
    const indent = loop !== undefined && index >= loop.from ? '    ' : '  ';
    lines.push(`${indent}%% step ${index + 1}`);
    if (chart.violation?.step === index + 1) {
      lines.push(`${indent}rect rgb(255, 230, 230)`, ...body.map((line) => `${indent}  ${line}`));
      lines.push(`${indent}end`);
    } else {
      lines.push(...body.map((line) => `${indent}${line}`));
    }
  });
  if (loop !== undefined && loop.from < chart.steps.length) lines.push('  end');

  if (chart.violation !== null) {
    const { property, message } = chart.violation;
    lines.push(`  Note over ${everyone}: ${escapeLabel(`✗ violation of ${property}: ${message}`)}`);
  }
  return lines.join('\n');
}

/** The label of a livelock's `loop` block. */
function loopLabel(kind: 'state' | 'pattern'): string {
  return kind === 'state' ? 'repeats forever (back to the same state)' : 'repeats (the same steps)';
}

function actionLine(action: Action, name: (node: number) => string, everyone: string): string {
  return match(action)
    .with(
      { type: 'deliver' },
      (a) => `n${a.from}->>n${a.to}: ${escapeLabel(describePayload(a.msg))}`,
    )
    .with(
      { type: 'drop' },
      (a) => `n${a.from}-xn${a.to}: drop ${escapeLabel(describePayload(a.msg))}`,
    )
    .with(
      { type: 'duplicate' },
      (a) => `n${a.from}-)n${a.to}: dup ${escapeLabel(describePayload(a.msg))}`,
    )
    .with(
      { type: 'partition' },
      { type: 'heal' },
      { type: 'expire' },
      (a) => `Note over ${everyone}: ${escapeLabel(describeAction(a, name))}`,
    )
    .otherwise((a) => `Note over n${a.node}: ${escapeLabel(describeAction(a, name))}`);
}

/** A label Mermaid shows as written: syntax characters as entity codes, line breaks as `<br/>`. */
export function escapeLabel(text: string): string {
  return text
    .trim()
    .replace(/[#;&<>]/g, (c) => ESCAPES[c] ?? c)
    .replace(/\r\n|\r|\n/g, '<br/>');
}
