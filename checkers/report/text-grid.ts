import { match } from 'ts-pattern';
import type { Action } from '../../models/kernel/action.ts';

/** Where things go on a text-chart row: a step-number margin, then one column per node. */
export interface Layout {
  /** Cells before the first node's column (violation mark, step number). */
  readonly margin: number;
  /** Cells per node column. */
  readonly column: number;
  /** How many node columns there are. */
  readonly nodes: number;
}

/** One text-chart line being drawn: one cell per code point, and the label right of the chart. */
export interface Row {
  /** The chart area, one single-width character per cell. */
  readonly cells: string[];
  /** What is written to the right of the chart area ('' for nothing). */
  readonly label: string;
}

function lifelineAt(layout: Layout, node: number): number {
  return layout.margin + node * layout.column + Math.floor((layout.column - 1) / 2);
}

/** A row showing only the lifelines: solid for nodes that are up, dotted for the others. */
export function blankRow(layout: Layout, up: readonly boolean[], label: string): Row {
  const cells = new Array<string>(layout.margin + layout.nodes * layout.column).fill(' ');
  for (let node = 0; node < layout.nodes; node++) {
    cells[lifelineAt(layout, node)] = up[node] === false ? '┆' : '│';
  }
  return { cells, label };
}

/**
 * Draws a step's action on its rows: `rows[0]` is the step's own row. A self-delivery loops back
 * on the next row, taken from `rows` or made with `extra` when the step observed nothing.
 */
export function drawAction(rows: Row[], action: Action, layout: Layout, extra: () => Row): void {
  const cells = rows[0]?.cells;
  if (cells === undefined) return;
  // Traces name nodes by configuration index; one outside the chart has no column to draw on.
  const mark = (node: number, glyph: string) => {
    if (inside(layout, node)) cells[lifelineAt(layout, node)] = glyph;
  };
  match(action)
    .with({ type: 'deliver' }, (a) => {
      if (!inside(layout, a.from) || !inside(layout, a.to)) return;
      if (a.from !== a.to) return drawArrow(cells, layout, a.from, a.to);
      if (rows.length < 2) rows.push(extra());
      drawLoop(cells, rows[1]?.cells ?? [], lifelineAt(layout, a.from));
    })
    .with({ type: 'drop' }, { type: 'duplicate' }, (a) => mark(a.from, '~'))
    .with({ type: 'crash' }, (a) => mark(a.node, '✕'))
    .with({ type: 'recover' }, (a) => mark(a.node, '↻'))
    .with({ type: 'join' }, (a) => mark(a.node, '+'))
    .with({ type: 'leave' }, (a) => mark(a.node, '−'))
    .with({ type: 'timeout' }, (a) => mark(a.node, '◷'))
    .with({ type: 'input' }, (a) => mark(a.node, '●'))
    .with({ type: 'choose' }, (a) => mark(a.node, '◆'))
    .with({ type: 'partition' }, () => drawCut(cells, layout))
    .with({ type: 'heal' }, { type: 'expire' }, () => undefined)
    .exhaustive();
}

function inside(layout: Layout, node: number): boolean {
  return node >= 0 && node < layout.nodes;
}

/** `├────▶│` left to right, `│◀────┤` right to left; lifelines in between are drawn over. */
function drawArrow(cells: string[], layout: Layout, from: number, to: number): void {
  const start = lifelineAt(layout, from);
  const end = lifelineAt(layout, to);
  const [low, high] = start < end ? [start, end - 1] : [end + 1, start];
  cells.fill('─', low, high + 1);
  cells[start] = start < end ? '├' : '┤';
  cells[start < end ? high : low] = start < end ? '▶' : '◀';
}

/** `├─╮` on the step's row, `│◀╯` on the next: a message a node sends itself. */
function drawLoop(out: string[], back: string[], at: number): void {
  out.splice(at, 3, '├', '─', '╮');
  back.splice(at + 1, 2, '◀', '╯');
}

/** A dashed line across every column, lifelines kept: the network is cut. */
function drawCut(cells: string[], layout: Layout): void {
  for (let cell = layout.margin; cell < cells.length; cell++) {
    if (cells[cell] === ' ') cells[cell] = '┄';
  }
}
