/**
 * Mermaid state diagrams (`stateDiagram-v2`) generated from xstate machines, so a role's page shows
 * the machine the engines run and cannot drift from it.
 *
 * The walk follows the machine's state nodes in declaration order: each compound state becomes a
 * nested `state X { … }` block with its `[*] --> initial` arrow, a final state gets an arrow to
 * `[*]`, and every transition becomes one arrow per target labelled `Event [guard] / action, …`
 * (see transition-labels.ts: eventless transitions read `[guard]`, later branches of one event
 * `[else if guard]` and `[else]`). A targetless transition (the machine stays where it is) is a
 * self-loop. Entry and exit actions are notes (`note right of idle : entry / join`). Transitions on
 * the machine itself (they apply in every state) make the root a state of its own.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { escapeLabel } from '../report/mermaid.ts';
import { actionList, transitionsOf } from './transition-labels.ts';

/** The Mermaid `stateDiagram-v2` source of `machine`, without a code fence. Deterministic. */
export function stateDiagram(machine: AnyStateMachine): string {
  const root = machine.root;
  const drawRoot = transitionsOf(root).length > 0;
  const d = new Drawing(root, drawRoot ? null : root);
  const lines = ['stateDiagram-v2'];
  if (drawRoot) {
    lines.push(`  [*] --> ${d.id(root)}`, ...d.node(root, 1), ...d.arrowsIn(null, root, 1));
  } else {
    lines.push(...d.children(root, 1));
  }
  return lines.join('\n');
}

/** One arrow of the diagram and the block it is written in. */
interface Arrow {
  /** The node whose block holds it (null: outside the root, when the root is drawn). */
  readonly scope: AnyStateNode | null;
  /** The transition's source. */
  readonly source: AnyStateNode;
  /** The arrow, unindented. */
  readonly text: string;
}

/** A diagram being drawn: the states' ids and every arrow, computed once. */
class Drawing {
  private readonly ids = new Map<AnyStateNode, string>();
  private readonly arrows: Arrow[];
  /** States named by an arrow in their own block (the others need a line of their own there). */
  private readonly mentioned = new Set<AnyStateNode>();

  /** `top` is the block that holds arrows crossing a block's border (null: outside the root). */
  constructor(root: AnyStateNode, top: AnyStateNode | null) {
    const all = preorder(root);
    // A state's id is its key, or its path where two states share a key (ids are global).
    const keyCount = new Map<string, number>();
    for (const n of all) keyCount.set(n.key, (keyCount.get(n.key) ?? 0) + 1);
    const used = new Set<string>();
    for (const n of all) {
      const base = sanitizeId(keyCount.get(n.key) === 1 ? n.key : n.path.join('_') || n.key);
      let id = base;
      for (let k = 2; used.has(id); k++) id = `${base}_${k}`;
      used.add(id);
      this.ids.set(n, id);
    }
    for (const n of all) {
      if (n.type === 'compound') for (const t of n.initial.target) this.mentioned.add(t);
    }
    this.arrows = all.flatMap((source) =>
      transitionsOf(source).flatMap(({ t, label }) => {
        const targets = t.target === undefined || t.target.length === 0 ? [source] : t.target;
        return targets.map((target) => {
          // Mermaid moves a state into the block where an arrow names it, except at the top
          // level: an arrow between two states of different blocks is written there.
          const scope =
            source.parent !== undefined && source.parent === target.parent ? source.parent : top;
          // A state named only by arrows written outside its own block must still be declared
          // inside it, or Mermaid draws it outside.
          if (scope === source.parent) this.mentioned.add(source);
          if (scope === target.parent) this.mentioned.add(target);
          return {
            scope,
            source,
            text: `${this.id(source)} --> ${this.id(target)}: ${mermaidText(label)}`,
          };
        });
      }),
    );
  }

  /** A state's Mermaid id. */
  id(node: AnyStateNode): string {
    return this.ids.get(node)!;
  }

  /** The arrows written in `scope` whose source is `source` or inside it, indented. */
  arrowsIn(scope: AnyStateNode | null, source: AnyStateNode, depth: number): string[] {
    const inside = new Set(preorder(source));
    return this.arrows
      .filter((a) => a.scope === scope && inside.has(a.source))
      .map((a) => `${'  '.repeat(depth)}${a.text}`);
  }

  /** The lines for `node` itself: its label, its block if it has children, its entry and exit. */
  node(node: AnyStateNode, depth: number): string[] {
    const pad = '  '.repeat(depth);
    const id = this.id(node);
    const lines: string[] = [];
    if (id !== node.key) lines.push(`${pad}state "${mermaidText(node.key)}" as ${id}`);
    if (node.type === 'compound' || node.type === 'parallel') {
      lines.push(`${pad}state ${id} {`, ...this.children(node, depth + 1), `${pad}}`);
    } else if (id === node.key && !this.mentioned.has(node)) {
      lines.push(`${pad}${id}`);
    }
    const notes = [
      ...(node.type === 'history' ? [`${node.history === 'deep' ? 'deep ' : ''}history`] : []),
      ...(node.entry.length > 0 ? [`entry / ${actionList(node.entry)}`] : []),
      ...(node.exit.length > 0 ? [`exit / ${actionList(node.exit)}`] : []),
    ];
    if (notes.length > 0)
      lines.push(`${pad}note right of ${id} : ${mermaidText(notes.join(', '))}`);
    return lines;
  }

  /**
   * The inside of a compound (or parallel) node: its initial arrow, then each child (its block,
   * the arrows from it and from inside it written at this level, its final arrow) in declaration
   * order. A parallel node's regions are separated by `--`.
   */
  children(node: AnyStateNode, depth: number): string[] {
    const pad = '  '.repeat(depth);
    const lines: string[] = [];
    if (node.type === 'compound') {
      const actions = node.initial.actions;
      const label = actions.length > 0 ? `: ${mermaidText(`/ ${actionList(actions)}`)}` : '';
      for (const t of node.initial.target) lines.push(`${pad}[*] --> ${this.id(t)}${label}`);
    }
    Object.values(node.states).forEach((child, i) => {
      if (node.type === 'parallel' && i > 0) lines.push(`${pad}--`);
      lines.push(...this.node(child, depth), ...this.arrowsIn(node, child, depth));
      if (child.type === 'final') lines.push(`${pad}${this.id(child)} --> [*]`);
    });
    return lines;
  }
}

/** `node` and its descendants, parents first, children in declaration order. */
function preorder(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(preorder)];
}

/** A Mermaid state id: word characters only, not starting with a digit. */
function sanitizeId(key: string): string {
  const id = key.replace(/\W/g, '_');
  return /^\d/.test(id) ? `s_${id}` : id;
}

/** Text Mermaid shows as is: its statement and comment characters as entity codes, no colons. */
function mermaidText(text: string): string {
  return escapeLabel(text).replace(/:/g, '#58;').replace(/"/g, '#quot;');
}
