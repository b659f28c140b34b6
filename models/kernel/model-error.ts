/**
 * Model errors: a model that does something the kernel cannot carry out. A node's step that
 * throws (a guard or an action of its machine, the protocol kit's own checks: an impure action, an
 * `observe` without a kind, a send to a node that does not exist) or that sends outside the links
 * its configuration declares is not an engine crash but a finding about the model, like any other
 * violation: the step records a `model-error` observation at its node (which keeps its snapshot and
 * sends nothing), and the built-in `model-error` property, which every system checks next to the
 * protocol's own, fails there. So every engine reports it with a trace that replays, shrinks and
 * renders, as TLC reports an error in a spec's action with the behaviour that led to it.
 *
 * What cannot be a step of a run is a `ModelError` thrown instead: a configuration the kernel
 * rejects, or a node that fails to start in the initial world (a node that fails to start when it
 * recovers or joins is a failed step).
 */
import type { CheckedProperty, Observation, Verdict } from './spec.ts';

/** The kind of the observation a failed step records, and the name of the property it breaks. */
export const MODEL_ERROR = 'model-error';

/** A model that cannot run at all: its configuration is invalid, or a node cannot start. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
}

/** What a model threw, in one line: the message, after the error's class unless it is `Error`. */
export function thrownText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const first = e.message.replace(/\s+/g, ' ').trim();
  return e.name === 'Error' || e.name === 'ModelError' ? first : `${e.name}: ${first}`;
}

/** The observation a failed step of `node` records. */
export function modelErrorObservation(node: number, error: string): Observation {
  return { node, kind: MODEL_ERROR, error };
}

function verdictOf(o: Observation): Verdict {
  return {
    property: MODEL_ERROR,
    message: `node ${o.node}: ${String(o.error)}`,
    nodes: [o.node],
    messages: [],
  };
}

/**
 * The built-in safety property: no node's step failed. The engines check it with every protocol's
 * properties (`System.properties`); it is not one a protocol declares.
 */
export const modelErrorProperty: CheckedProperty = {
  name: MODEL_ERROR,
  statement:
    "No node's step fails: its machine throws nothing, its actions are the kit's, and it sends only along its links.",
  kind: 'safety',
  check: (history) => {
    for (const o of history) if (o.kind === MODEL_ERROR) return verdictOf(o);
    return null;
  },
  monitor: {
    start: null,
    step: (state, o) => state ?? (o.kind === MODEL_ERROR ? verdictOf(o) : null),
    answer: (state) => state as Verdict,
  },
};
