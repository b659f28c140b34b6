import type { System } from '../models/kernel/system.ts';
import { MoveKind, type Move } from '../models/kernel/world.ts';

/**
 * How the random engine picks a schedule's next benign move.
 * - `uniform`: the schedule's `pick` chooses among all enabled benign moves.
 * - `pct`: probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte,
 *   ASPLOS 2010), adapted to message passing: every node (and the environment, which heals
 *   partitions and lets time pass) has a random priority; the highest-priority node with an
 *   enabled benign move takes it (the schedule's `pick` chooses among that node's moves); at each
 *   of d-1 random change points the node that just moved drops below every other, the later
 *   change points lower. A bug that needs d ordering constraints is found with probability at
 *   least 1/(n·k^(d-1)) per scenario (n actors, k steps), whatever the uniform odds.
 */
export type SchedulerName = 'uniform' | 'pct';

/** Scheduler names, as `--scheduler` accepts them. */
export const SCHEDULERS: readonly SchedulerName[] = ['uniform', 'pct'];

/**
 * What a scenario adds to its schedule to steer it: PCT's priorities and change points, and swarm
 * testing's disabled features. Every field shrinks towards "no steering".
 */
export interface Steering {
  /** PCT: one priority per actor (nodes, then the environment); higher moves first. */
  readonly priorities?: readonly number[];
  /** PCT: schedule steps after which the actor that moved is demoted (d-1 of them). */
  readonly changePoints?: readonly number[];
  /**
   * Swarm testing (Groce, Zhang, Eide, Chen, Regehr, ISSTA 2012): bit j set disables feature j of
   * `swarmFeatures` (a fault kind or a client action kind) for this scenario's schedule. The fair
   * drain that follows is not steered: it injects no faults and hands every waiting input over.
   */
  readonly disabled?: number;
}

/** Fault kinds swarm testing can switch off, in feature order. */
const SWARM_FAULTS: readonly MoveKind[] = [
  MoveKind.Timeout,
  MoveKind.Drop,
  MoveKind.Duplicate,
  MoveKind.Crash,
  MoveKind.Recover,
  MoveKind.Join,
  MoveKind.Leave,
  MoveKind.Partition,
];

/** A feature swarm testing may disable: a fault kind, or an input or choice event type. */
export type SwarmFeature =
  { readonly fault: MoveKind } | { readonly action: 'input' | 'choice'; readonly type: string };

/**
 * The features of a system that swarm testing may disable, in a fixed order: the fault kinds, then
 * the client inputs' event types, then the choices' event types (each sorted). At most 32 count
 * (bits of `Steering.disabled`); the rest are never disabled.
 */
export function swarmFeatures(sys: System): SwarmFeature[] {
  const sorted = (types: Iterable<string>) => [...new Set(types)].sort();
  const inputTypes = sorted(sys.config.inputs.map((i) => i.event.type));
  const choiceTypes = sorted(
    sys.config.nodes.flatMap((node) =>
      (sys.variant.roles[node.role]?.choices ?? []).map((e) => e.type),
    ),
  );
  return [
    ...SWARM_FAULTS.map((fault) => ({ fault })),
    ...inputTypes.map((type) => ({ action: 'input' as const, type })),
    ...choiceTypes.map((type) => ({ action: 'choice' as const, type })),
  ].slice(0, 32);
}

/** Whether a move survives the disabled features (a compiled `Steering.disabled`). */
export type MoveFilter = (m: Move) => boolean;

/** The filter for `disabled` over `sys`'s swarm features; null when nothing is disabled. */
export function swarmFilter(sys: System, disabled: number): MoveFilter | null {
  if (disabled === 0) return null;
  const features = swarmFeatures(sys);
  const off = features.filter((_, j) => (disabled & (1 << j)) !== 0);
  if (off.length === 0) return null;
  const kinds = new Set(off.flatMap((f) => ('fault' in f ? [f.fault] : [])));
  const inputs = new Set(
    off.flatMap((f) => ('action' in f && f.action === 'input' ? [f.type] : [])),
  );
  const choices = new Set(
    off.flatMap((f) => ('action' in f && f.action === 'choice' ? [f.type] : [])),
  );
  return (m) => {
    if (kinds.has(m.kind)) return false;
    if (m.kind === MoveKind.Input) return !inputs.has(sys.config.inputs[m.c]!.event.type);
    if (m.kind === MoveKind.Choose) return !choices.has(sys.table.event(m.c).payload.type);
    return true;
  };
}

/** Removes, in place and in order, the moves `keep` refuses. */
export function retain(moves: Move[], keep: MoveFilter): void {
  let j = 0;
  for (const m of moves) if (keep(m)) moves[j++] = m;
  moves.length = j;
}

/** The node a benign move runs on, or `n` for the environment (heal, time passing). */
export function actorOf(m: Move, n: number): number {
  switch (m.kind) {
    case MoveKind.Deliver:
      return m.b;
    case MoveKind.Heal:
    case MoveKind.Expire:
      return n;
    default:
      return m.a;
  }
}

/** PCT's running state over one scenario: current priorities, demoted at the change points. */
export class Pct {
  private readonly priority: number[];
  private readonly demoteAt: Map<number, number>;

  /** `priorities` per actor (missing ones count 0; ties go to the lower actor). */
  constructor(
    private readonly n: number,
    priorities: readonly number[],
    changePoints: readonly number[],
  ) {
    // Initial priorities are at least 0; the i-th change point demotes to -(i+1), below them all.
    this.priority = Array.from({ length: n + 1 }, (_, a) => priorities[a] ?? 0);
    this.demoteAt = new Map();
    changePoints.forEach((step, i) => {
      if (!this.demoteAt.has(step)) this.demoteAt.set(step, -(i + 1));
    });
  }

  /**
   * The move to take at schedule step `step` among the enabled benign `moves` (not empty): one of
   * the highest-priority actor's, chosen by `pick`. Demotes that actor if `step` is a change point.
   */
  choose(moves: readonly Move[], pick: number, step: number): Move {
    let best = -1;
    for (const m of moves) {
      const a = actorOf(m, this.n);
      if (best === -1 || this.ranks(a, best)) best = a;
    }
    const mine = moves.filter((m) => actorOf(m, this.n) === best);
    const demoted = this.demoteAt.get(step);
    if (demoted !== undefined) this.priority[best] = demoted;
    return mine[pick % mine.length]!;
  }

  /** Whether actor `a` goes before actor `b`. */
  private ranks(a: number, b: number): boolean {
    const pa = this.priority[a]!;
    const pb = this.priority[b]!;
    return pa > pb || (pa === pb && a < b);
  }
}
