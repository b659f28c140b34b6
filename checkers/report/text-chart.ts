import { match } from 'ts-pattern';
import { describeAction, describePayload, type Action } from '../../models/kernel/action.ts';
import type { Chart } from './chart.ts';
import { faultLabel, nodeNamer, observationSummary, oneLine } from './chart-labels.ts';
import { blankRow, drawAction, type Layout, type Row } from './text-grid.ts';

/** Narrower columns would leave no room for arrowheads and self-delivery loops. */
const MIN_COLUMN = 6;

/**
 * A plain-text message sequence chart (Unicode box drawing, no colour): a title, a header row of
 * node names, then one row per step with its action drawn on the lifelines and labelled on the
 * right, followed by one row per observation. The steps of a livelock's loop are marked `↻`. A node's lifeline is dotted (`┆`) while it is
 * crashed or out of the system. Lines have no trailing spaces and are joined by `\n`, with no
 * final newline.
 */
export function renderTextChart(chart: Chart): string {
  const name = nodeNamer(chart.nodes);
  const widest = Math.max(0, ...chart.nodes.map((node) => cellCount(node)));
  const numberWidth = String(chart.steps.length).length;
  const layout: Layout = {
    margin: numberWidth + 3,
    column: Math.max(MIN_COLUMN, widest + 2),
    nodes: chart.nodes.length,
  };
  const labelAt = layout.margin + layout.nodes * layout.column + 1;
  const up = initiallyUp(chart);
  const lines = [oneLine(chart.title), header(chart.nodes, layout)];
  const loop = chart.violation?.loop;

  chart.steps.forEach((step, index) => {
    applyLifecycle(step.action, up);
    const violating = chart.violation?.step === index + 1;
    const looping = loop !== undefined && index >= loop.from;
    const first = blankRow(layout, up, stepLabel(step.action, name));
    const mark = violating ? '✗' : looping ? '↻' : ' ';
    const number = [mark, ' ', ...String(index + 1).padStart(numberWidth)];
    first.cells.splice(0, number.length, ...number);
    const rows: Row[] = [first];
    for (const obs of step.observations) {
      rows.push(blankRow(layout, up, `  ${name(obs.node)}: ${observationSummary(obs)}`));
    }
    drawAction(rows, step.action, layout, () => blankRow(layout, up, ''));
    for (const row of rows) lines.push(renderRow(row, labelAt));
  });

  if (loop !== undefined && chart.violation !== null) {
    const again =
      loop.kind === 'state' ? `, back to the state after step ${loop.from}` : ' (the same steps)';
    lines.push(`↻ steps ${loop.from + 1}-${chart.violation.step} repeat forever${again}`);
  }
  if (chart.violation !== null) {
    const { property, step, message } = chart.violation;
    lines.push(oneLine(`violation of ${property} at step ${step}: ${message}`));
  }
  return lines.map((line) => line.trimEnd()).join('\n');
}

function stepLabel(action: Action, name: (node: number) => string): string {
  return oneLine(
    match(action)
      .with({ type: 'deliver' }, (a) => describePayload(a.msg))
      .with({ type: 'drop' }, { type: 'duplicate' }, (a) => faultLabel(a, name))
      .otherwise((a) => describeAction(a, name)),
  );
}

function header(nodes: readonly string[], layout: Layout): string {
  const names = nodes.map((node) => {
    const text = oneLine(node);
    const left = Math.floor((layout.column - cellCount(text)) / 2);
    return ' '.repeat(left) + text.padEnd(layout.column - left);
  });
  return ' '.repeat(layout.margin) + names.join('');
}

function renderRow(row: Row, labelAt: number): string {
  const chart = row.cells.join('');
  if (row.label === '') return chart;
  // Lifelines are one code point wide, so padding the joined cells lines labels up.
  return chart + ' '.repeat(labelAt - row.cells.length) + row.label;
}

function cellCount(text: string): number {
  return [...text].length;
}

/** Only a node that is out can join: one whose first own action is `join` starts out. */
function initiallyUp(chart: Chart): boolean[] {
  const up = chart.nodes.map((): boolean | null => null);
  for (const { action } of chart.steps) {
    if ('node' in action && action.node < up.length && up[action.node] === null) {
      up[action.node] = action.type !== 'join';
    }
  }
  return up.map((state) => state ?? true);
}

function applyLifecycle(action: Action, up: boolean[]): void {
  if (action.type === 'crash' || action.type === 'leave') up[action.node] = false;
  if (action.type === 'recover' || action.type === 'join') up[action.node] = true;
}
