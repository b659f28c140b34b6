import type { AnyStateMachine } from 'xstate';
import type { System } from '../../models/kernel/system.ts';

/** Coverage of one role's machine: which states were visited and which transitions fired. */
export interface RoleCoverage {
  /** Role name. */
  readonly role: string;
  /** Every state of the machine (dotted path), and whether some explored node was in it. */
  readonly states: readonly { readonly state: string; readonly visited: boolean }[];
  /** Every (state, event) the machine declares, and whether it fired with some effect. */
  readonly transitions: readonly {
    readonly state: string;
    readonly event: string;
    readonly fired: boolean;
  }[];
}

interface StateNodeLike {
  readonly path: readonly string[];
  readonly ownEvents: readonly string[];
  readonly states: Record<string, StateNodeLike>;
  readonly always?: readonly { readonly guard?: unknown }[];
}

/**
 * Whether a state is left as soon as it is entered: its eventless transitions end in an
 * unguarded one. Such a state is passed through within one step (a phase that ends at once, a
 * decision point) and never rests in a snapshot, so coverage does not count it as a state.
 */
function transient(node: StateNodeLike): boolean {
  const always = node.always ?? [];
  return always.length > 0 && always[always.length - 1]!.guard === undefined;
}

/** The dotted paths of the states active in a state value (`{a: 'b'}` → `a`, `a.b`). */
export function activePaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  if (value === null || typeof value !== 'object') return [];
  return Object.keys(value).flatMap((k) => [
    prefix + k,
    ...activePaths((value as Record<string, unknown>)[k], `${prefix}${k}.`),
  ]);
}

const declaredCache = new WeakMap<
  AnyStateMachine,
  { states: string[]; transitions: [string, string][] }
>();

function declared(machine: AnyStateMachine): { states: string[]; transitions: [string, string][] } {
  const cached = declaredCache.get(machine);
  if (cached !== undefined) return cached;
  const states: string[] = [];
  const transitions: [string, string][] = [];
  const walk = (node: StateNodeLike) => {
    const path = node.path.join('.');
    if (path !== '' && !transient(node)) states.push(path);
    for (const e of node.ownEvents)
      if (!e.startsWith('xstate.')) transitions.push([path || '(root)', e]);
    for (const child of Object.values(node.states)) walk(child);
  };
  walk(machine.root as unknown as StateNodeLike);
  declaredCache.set(machine, { states, transitions });
  return { states, transitions };
}

/**
 * What a search exercised of each role's machine, from the memo of local transitions: a vacuous
 * model (a state never reached, a message never handled) shows as `visited: false` / `fired: false`.
 * States an unguarded eventless transition always leaves (see `transient`) are not listed.
 * A transition counts as fired in the deepest active state that declares the event.
 */
export function roleCoverage(sys: System): RoleCoverage[] {
  const roles = new Map<string, AnyStateMachine>();
  for (const node of sys.config.nodes) roles.set(node.role, sys.variant.roles[node.role]!.machine);
  const visited = new Set<string>();
  const fired = new Set<string>();
  for (const s of sys.table.snapshotsSeen())
    for (const p of activePaths(s.value)) visited.add(`${s.role}|${p}`);
  for (const t of sys.table.transitionsSeen()) {
    if (!t.effective) continue;
    const owner = declared(t.machine);
    const paths = activePaths(t.value).reverse();
    const state =
      paths.find((p) => owner.transitions.some(([s, e]) => s === p && e === t.event)) ?? '(root)';
    fired.add(`${t.role}|${state}|${t.event}`);
  }
  return [...roles].map(([role, machine]) => {
    const d = declared(machine);
    return {
      role,
      states: d.states.map((state) => ({ state, visited: visited.has(`${role}|${state}`) })),
      transitions: d.transitions.map(([state, event]) => ({
        state,
        event,
        fired: fired.has(`${role}|${state}|${event}`),
      })),
    };
  });
}

/** One line per role: `member: states 1/1, transitions 4/4 (never: …)`. */
export function coverageLines(coverage: readonly RoleCoverage[]): string[] {
  return coverage.map((c) => {
    const states = c.states.filter((s) => s.visited).length;
    const fired = c.transitions.filter((t) => t.fired).length;
    const never = [
      ...c.states.filter((s) => !s.visited).map((s) => `state ${s.state}`),
      ...c.transitions.filter((t) => !t.fired).map((t) => `${t.state} on ${t.event}`),
    ];
    const tail = never.length === 0 ? '' : ` (never: ${never.join(', ')})`;
    return `${c.role}: states ${states}/${c.states.length}, transitions ${fired}/${c.transitions.length}${tail}`;
  });
}

/** The union of several coverages of the same roles (from parallel workers). */
export function mergeCoverage(all: readonly (readonly RoleCoverage[])[]): RoleCoverage[] {
  const [first, ...rest] = all;
  return (first ?? []).map((c, i) => ({
    role: c.role,
    states: c.states.map((s, k) => ({
      ...s,
      visited: s.visited || rest.some((r) => r[i]!.states[k]!.visited),
    })),
    transitions: c.transitions.map((t, k) => ({
      ...t,
      fired: t.fired || rest.some((r) => r[i]!.transitions[k]!.fired),
    })),
  }));
}
