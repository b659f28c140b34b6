import { abbreviate, describePayload, type Action } from '../../models/kernel/action.ts';
import { canonicalJson } from '../../models/kernel/json.ts';
import type { Observation } from '../../models/kernel/spec.ts';

/** Names nodes by index; an index the chart does not name shows as `#i` rather than `undefined`. */
export function nodeNamer(nodes: readonly string[]): (node: number) => string {
  return (node) => nodes[node] ?? `#${node}`;
}

/** An observation without its node: the kind, then the other fields' values in key order. */
export function observationSummary(obs: Observation): string {
  const values = Object.keys(obs)
    .filter((key) => key !== 'node' && key !== 'kind' && obs[key] !== undefined)
    .sort()
    .map((key) => {
      const value = obs[key];
      // Message ids are strings; quoting them would only add noise to `deliver m0`.
      return typeof value === 'string' ? abbreviate(value) : canonicalJson(value);
    });
  return [obs.kind, ...values].join(' ');
}

/** The label of a `drop` or `duplicate`: `drop m0 → m1  Order{…}` or `dup m0 → m1  Order{…}`. */
export function faultLabel(
  action: Extract<Action, { type: 'drop' | 'duplicate' }>,
  name: (node: number) => string,
): string {
  const verb = action.type === 'drop' ? 'drop' : 'dup';
  return `${verb} ${name(action.from)} → ${name(action.to)}  ${describePayload(action.msg)}`;
}

/** Collapses line breaks so a label cannot break a one-row-per-line layout. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
