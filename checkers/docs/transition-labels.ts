/**
 * How a state diagram names what an xstate transition does: `Event [guard] / action, action`.
 * Guards and actions are named as the machine's config names them (the papers' names), so a
 * mutant's `provide` swap of an implementation draws the same label.
 */
import type { AnyStateNode, AnyTransitionDefinition } from 'xstate';

/** One transition of a node with its arrow label. */
export interface LabelledTransition {
  /** The transition. */
  readonly t: AnyTransitionDefinition;
  /** Its arrow label. */
  readonly label: string;
}

/** A node's own transitions with their labels: its events in declaration order, then `always`. */
export function transitionsOf(node: AnyStateNode): LabelledTransition[] {
  const out: LabelledTransition[] = [];
  for (const [eventType, branches] of node.transitions) {
    out.push(...branchLabels(eventName(eventType, node), branches));
  }
  if (node.always !== undefined) out.push(...branchLabels(undefined, node.always));
  return out;
}

/**
 * Labels for the branches of one event (or of the eventless transitions, `event` undefined).
 * xstate takes the first branch whose guard holds, so later branches read `[else if guard]` and
 * an unguarded later one `[else]`; an unguarded eventless transition without actions reads
 * `always`.
 */
function branchLabels(
  event: string | undefined,
  branches: readonly AnyTransitionDefinition[],
): LabelledTransition[] {
  return branches.map((t, i) => {
    const guard = t.guard === undefined ? undefined : guardLabel(t.guard);
    const parts: string[] = event === undefined ? [] : [event];
    if (i === 0 && guard !== undefined) parts.push(`[${guard}]`);
    if (i > 0) parts.push(guard === undefined ? '[else]' : `[else if ${guard}]`);
    if (t.actions.length > 0) parts.push(`/ ${actionList(t.actions)}`);
    return { t, label: parts.length > 0 ? parts.join(' ') : 'always' };
  });
}

/** How an event type reads on an arrow: xstate's own done and delay events get short names. */
function eventName(eventType: string, node: AnyStateNode): string {
  if (eventType === `xstate.done.state.${node.id}`) return 'onDone';
  const after = 'xstate.after.';
  if (eventType.startsWith(after) && eventType.endsWith(`.${node.id}`)) {
    return `after ${eventType.slice(after.length, -node.id.length - 1)}`;
  }
  return eventType;
}

/**
 * A guard's name: a named guard as declared (with its fixed params: `isMajority(nodes: expected)`),
 * `and`/`or`/`not` combinations spelled out, `in …`
 * for `stateIn`, an inline function by its name (`inline` when anonymous).
 */
export function guardLabel(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const fn = guard as { name: string; guards?: readonly unknown[]; stateValue?: unknown };
    if (fn.guards !== undefined && ['and', 'or', 'not'].includes(fn.name)) {
      const parts = fn.guards.map((g) => {
        const label = guardLabel(g);
        return / (and|or) /.test(label) ? `(${label})` : label;
      });
      return fn.name === 'not' ? `not ${parts[0] ?? ''}` : parts.join(` ${fn.name} `);
    }
    if (fn.name === 'stateIn') return `in ${JSON.stringify(fn.stateValue)}`;
    // An arrow function written as `guard: (…) => …` takes the name `guard`.
    return fn.name === '' || fn.name === 'guard' ? 'inline' : fn.name;
  }
  if (typeof guard === 'object' && guard !== null && 'type' in guard) {
    const params = 'params' in guard ? staticParams(guard.params) : '';
    return `${String(guard.type)}${params}`;
  }
  return String(guard);
}

/** Fixed params of a guard as `(nodes: expected)`; nothing for none or for computed params. */
function staticParams(params: unknown): string {
  if (typeof params !== 'object' || params === null) return '';
  const fields = Object.entries(params).filter(([, v]) =>
    ['string', 'number', 'boolean'].includes(typeof v),
  );
  if (fields.length === 0) return '';
  return `(${fields.map(([k, v]) => `${k}: ${String(v)}`).join(', ')})`;
}

/**
 * An action's name: a named action as declared, an xstate built-in by its kind (`assign`,
 * `raise Event` when the raised event is fixed), an inline function by its name (`inline` when
 * anonymous).
 */
export function actionLabel(action: unknown): string {
  if (typeof action === 'string') return action;
  if (typeof action === 'function') {
    const fn = action as { name: string; type?: unknown; event?: unknown };
    if (typeof fn.type === 'string' && fn.type.startsWith('xstate.')) {
      const kind = fn.type.slice('xstate.'.length);
      const raised = fn.event;
      return kind === 'raise' &&
        typeof raised === 'object' &&
        raised !== null &&
        'type' in raised &&
        typeof raised.type === 'string'
        ? `raise ${raised.type}`
        : kind;
    }
    return fn.name === '' ? 'inline' : fn.name;
  }
  if (typeof action === 'object' && action !== null && 'type' in action) return String(action.type);
  return String(action);
}

/** Actions as a comma-separated list of their names. */
export function actionList(actions: readonly unknown[]): string {
  return actions.map(actionLabel).join(', ');
}
