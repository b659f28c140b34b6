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
 * A property whose check throws is the model's failure too: the engines check every property
 * through `guardedProperty`, so the history (or world) it throws on is a `model-error` violation
 * naming the property, with its trace.
 *
 * What cannot be a step of a run is a `ModelError` thrown instead: a configuration the kernel
 * rejects (config-schema.ts, then the system as it builds), a node that fails to start in the
 * initial world (a node that fails to start when it recovers or joins is a failed step), a
 * `sometimes` property whose check throws, or one of the
 * model's other functions that throws (`configure`, `bounded`, `scenarios`: `modelCall`; a
 * symmetry's hooks: `guardedSymmetry`; the `scenarios` arbitrary as fast-check generates and
 * shrinks its values: checkers/guarded-arbitrary.ts).
 */
import type {
  CheckedProperty,
  History,
  Monitor,
  Observation,
  Property,
  PropertyContext,
  Verdict,
  WorldView,
} from './spec.ts';
import type { Config, Symmetry } from './protocol.ts';

/** The kind of the observation a failed step records, and the name of the property it breaks. */
export const MODEL_ERROR = 'model-error';

/**
 * A model that cannot run at all: its configuration is invalid, a node cannot start, or one of its
 * functions besides its machines threw.
 */
export class ModelError extends Error {
  override readonly name = 'ModelError';
}

/**
 * `f()`, a function the model supplies besides its machines (`bounded`, `scenarios`, a symmetry's
 * renamings); if it throws, a `ModelError` saying `what` threw (a `ModelError` as it is).
 */
export function modelCall<T>(what: string | (() => string), f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw asModelError(what, e);
  }
}

/** What the model's function `what` threw, `e`, as a `ModelError` (a `ModelError` as it is). */
export function asModelError(what: string | (() => string), e: unknown): ModelError {
  if (e instanceof ModelError) return e;
  const name = typeof what === 'string' ? what : what();
  return new ModelError(`${name} threw ${thrownText(e)}`, { cause: e });
}

/** `s`, each of whose hooks that throws is a `ModelError` naming `protocol` and the hook. */
export function guardedSymmetry(protocol: string, s: Symmetry): Symmetry {
  const hook = (name: string) => `${protocol}: symmetry.${name}`;
  const classes = hook('classes');
  const context = hook('renameContext');
  const message = hook('renameMessage');
  const observation = hook('renameObservation');
  const rename = s.renameObservation;
  return {
    classes: (config) => modelCall(classes, () => s.classes(config)),
    renameContext: (c, perm, config) => modelCall(context, () => s.renameContext(c, perm, config)),
    renameMessage: (m, perm, config) => modelCall(message, () => s.renameMessage(m, perm, config)),
    ...(rename === undefined
      ? {}
      : {
          renameObservation: (o: Observation, perm: readonly number[], config: Config) =>
            modelCall(observation, () => rename(o, perm, config)),
        }),
  };
}

/** What a model threw, in one line: the message, after the error's class unless it is `Error`. */
export function thrownText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const line = e.message.replace(/\s+/g, ' ').trim();
  return e.name === 'Error' || e.name === 'ModelError' ? line : `${e.name}: ${line}`;
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

/** A monitor state standing for a check that threw (what it threw, in one line). */
class Threw {
  constructor(readonly error: string) {}
}

/** The violation of a property whose check threw `error`: a bug in the model, not a finding. */
function threw(property: string, error: string): Verdict {
  return {
    property: MODEL_ERROR,
    message: `property ${property}: its check threw ${error}`,
    nodes: [],
    messages: [],
  };
}

/** `check` of property `name`, a `model-error` violation when it throws. */
function guardedCheck<A extends unknown[]>(
  name: string,
  check: (...args: A) => Verdict,
): (...args: A) => Verdict {
  return (...args) => {
    try {
      return check(...args);
    } catch (e) {
      return threw(name, thrownText(e));
    }
  };
}

/** `m`, answering `onThrow` once a step or its answer throws (and stepping no further). */
function guardedMonitor<A>(m: Monitor<A>, onThrow: (error: string) => A): Monitor<A> {
  return {
    start: m.start,
    step: (state, o) => {
      if (state instanceof Threw) return state;
      try {
        return m.step(state, o);
      } catch (e) {
        return new Threw(thrownText(e));
      }
    },
    answer: (state, context) => {
      if (state instanceof Threw) return onThrow(state.error);
      try {
        return m.answer(state, context);
      } catch (e) {
        return onThrow(thrownText(e));
      }
    },
  };
}

/**
 * `p` as the engines check it (`System.properties`): a check (or monitor) that throws is a
 * violation of `model-error` naming the property and what it threw, on the history (or world) it
 * threw on, which a replay throws on again; a `sometimes` property's `reached` that throws is a
 * `ModelError` (there is no verdict to give).
 */
export function guardedProperty(p: Property): Property {
  switch (p.kind) {
    case 'always':
      return {
        ...p,
        check: guardedCheck(p.name, (world: WorldView) => p.check(world)),
      };
    case 'sometimes': {
      const fail = (error: string): never => {
        throw new ModelError(`property ${p.name}: its check threw ${error}`);
      };
      return {
        ...p,
        reached: (history: History, context: PropertyContext): boolean => {
          try {
            return p.reached(history, context);
          } catch (e) {
            return fail(thrownText(e));
          }
        },
        ...(p.monitor === undefined ? {} : { monitor: guardedMonitor(p.monitor, fail) }),
      };
    }
    default:
      return {
        ...p,
        check: guardedCheck(p.name, (history: History, context: PropertyContext) =>
          p.check(history, context),
        ),
        ...(p.monitor === undefined
          ? {}
          : { monitor: guardedMonitor(p.monitor, (error) => threw(p.name, error)) }),
      };
  }
}
