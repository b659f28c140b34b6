import { match } from 'ts-pattern';
import { describeAction, describePayload, type Action } from '../../../models/kernel/action.ts';
import type { Replay } from '../../replay.ts';
import { worldState } from '../../export/world-state.ts';
import type { Trace } from '../../trace.ts';
import { nodeNamer, observationSummary } from '../chart-labels.ts';

/** How the chart draws a step. */
export type StepShape =
  /** An arrow between two nodes: a delivery, a drop (crossed) or a duplicate (dashed). */
  | { readonly kind: 'deliver' | 'drop' | 'duplicate'; readonly from: number; readonly to: number }
  /** A note on one node (input, timeout, choice, crash, recover, join, leave). */
  | { readonly kind: 'node'; readonly node: number }
  /** A note across every node (partition, heal, expire). */
  | { readonly kind: 'all' };

/** One step as the viewer shows it. */
export interface ViewerStep {
  /** The whole action in one line, with node names. */
  readonly label: string;
  /** The short label drawn on the chart (the payload, or the action). */
  readonly short: string;
  /** How the chart draws it. */
  readonly shape: StepShape;
  /** What nodes observed during the step: `p0: deliver m1`. */
  readonly observations: readonly string[];
}

/** One node in one world: its status and the index of its state in `snapshots`. */
export interface ViewerNode {
  /** `up`, `down` or `out`. */
  readonly status: string;
  /** Index into `ViewerData.snapshots`. */
  readonly snapshot: number;
}

/** A world as the viewer shows it. */
export interface ViewerWorld {
  /** Every node, by index. */
  readonly nodes: readonly ViewerNode[];
  /** The messages in flight, one line each. */
  readonly inFlight: readonly string[];
}

/** Everything the page shows, as JSON: embedded in the page, read by its script. */
export interface ViewerData {
  /** Protocol / variant / engine and seed. */
  readonly title: string;
  /** Node names and roles, by index. */
  readonly nodes: readonly { readonly name: string; readonly role: string }[];
  /** The steps, in order (step i is `steps[i - 1]`). */
  readonly steps: readonly ViewerStep[];
  /** Every world: `worlds[0]` initial, `worlds[i]` after step i. */
  readonly worlds: readonly ViewerWorld[];
  /** Distinct node states (xstate value and context), as indented JSON, shared between worlds. */
  readonly snapshots: readonly { readonly value: string; readonly context: string }[];
  /** The violation and its 1-based step, or null for a clean run. */
  readonly violation: {
    readonly property: string;
    readonly message: string;
    readonly step: number;
  } | null;
  /** A livelock's repeating steps (`from + 1` to `to`), or null. */
  readonly loop: { readonly from: number; readonly to: number; readonly kind: string } | null;
}

/** The viewer's data for a replayed trace. */
export function viewerData(trace: Trace, run: Replay): ViewerData {
  const name = nodeNamer(trace.nodes);
  const snapshots: { value: string; context: string }[] = [];
  const seen = new Map<string, number>();
  const snapshot = (value: unknown, context: unknown): number => {
    const entry = {
      value: prettyJson(value),
      context: prettyJson(context),
    };
    const key = `${entry.value}\u0000${entry.context}`;
    let index = seen.get(key);
    if (index === undefined) {
      index = snapshots.length;
      snapshots.push(entry);
      seen.set(key, index);
    }
    return index;
  };
  const worlds = run.worlds.map((w): ViewerWorld => {
    const state = worldState(run.system, w, name);
    return {
      nodes: state.nodes.map((node) => ({
        status: node.status,
        snapshot: snapshot(node.value, node.context),
      })),
      inFlight: state.inFlight.map(
        (m) => `${name(m.from)} → ${name(m.to)}  ${describePayload(m.msg)}`,
      ),
    };
  });
  const steps = run.steps.map((step): ViewerStep => ({
    label: describeAction(step.action, name),
    short: shortLabel(step.action, name),
    shape: shape(step.action),
    observations: step.observations.map((o) => `${name(o.node)}: ${observationSummary(o)}`),
  }));
  const v = trace.violation;
  return {
    title: `${trace.protocol} / ${trace.variant} / ${trace.engine}${trace.seed === null ? '' : ` seed ${trace.seed}`}`,
    nodes: run.system.config.nodes.map((node, i) => ({ name: name(i), role: node.role })),
    steps,
    worlds,
    snapshots,
    violation: v === null ? null : { property: v.property, message: v.message, step: v.step },
    loop: v?.loop === undefined ? null : { from: v.loop.from, to: v.step, kind: v.loop.kind },
  };
}

function shape(action: Action): StepShape {
  return match(action)
    .returnType<StepShape>()
    .with({ type: 'deliver' }, { type: 'drop' }, { type: 'duplicate' }, (a) => ({
      kind: a.type,
      from: a.from,
      to: a.to,
    }))
    .with({ type: 'partition' }, { type: 'heal' }, { type: 'expire' }, () => ({ kind: 'all' }))
    .otherwise((a) => ({ kind: 'node', node: a.node }));
}

function shortLabel(action: Action, name: (node: number) => string): string {
  return (
    match(action)
      .with({ type: 'deliver' }, (a) => describePayload(a.msg))
      .with({ type: 'drop' }, (a) => `drop ${describePayload(a.msg)}`)
      .with({ type: 'duplicate' }, (a) => `dup ${describePayload(a.msg)}`)
      .with({ type: 'partition' }, { type: 'heal' }, { type: 'expire' }, (a) =>
        describeAction(a, name),
      )
      // A note sits on its node's lifeline: the node's name would only repeat it.
      .otherwise((a) => describeAction(a, () => '').trim())
  );
}

/** Longest flat array or object written on one line. */
const INLINE = 60;

/**
 * JSON indented by two spaces, except that arrays and objects of scalars that fit in a short line
 * stay on one line (a context's lists of message ids would otherwise take a line per id).
 */
export function prettyJson(value: unknown, indent = ''): string {
  const inline = JSON.stringify(value) ?? 'null';
  if (value === null || typeof value !== 'object') return inline;
  const items: [string | null, unknown][] = Array.isArray(value)
    ? value.map((v): [null, unknown] => [null, v])
    : Object.entries(value);
  if (items.length === 0) return inline;
  const flat = items.every(([, v]) => v === null || typeof v !== 'object');
  if (flat && inline.length <= INLINE) return inline;
  const inner = `${indent}  `;
  const lines = items.map(
    ([key, v]) =>
      `${inner}${key === null ? '' : `${JSON.stringify(key)}: `}${prettyJson(v, inner)}`,
  );
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${lines.join(',\n')}\n${indent}${close}`;
}
