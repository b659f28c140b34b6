/**
 * The logic a member's steps share: merging membership, recomputing the routing table after any
 * change, telling the neighbours (Narada's refresh) and observing the source's tree entry, and
 * sending data down the tree. Pure functions over the member's JSON context; effects go through
 * `out` (sends, observations, and the named guards a mutant swaps).
 */
import type { Effects } from '../kernel/step.ts';
import type {
  Data,
  LinkAccept,
  LinkRequest,
  Leave,
  Probe,
  ProbeAck,
  Refresh,
  RefreshBody,
} from './messages.ts';
import { computeRoutes, minus, routeTo, union, usesMe, type Heard, type Route } from './routing.ts';
import type { Hello } from './messages.ts';

/** The source's tree entry at a member: its parent (next hop), its path, its children. */
export interface Tree {
  readonly parent: number;
  readonly path: readonly number[];
  readonly kids: readonly number[];
}

/** A link a member asked for and waits to hear about. */
export interface Request {
  readonly peer: number;
  readonly why: 'join' | 'repair';
}

/** A member's state. */
export interface MemberContext {
  readonly self: number;
  readonly boot: number;
  readonly source: number;
  readonly cost: readonly number[];
  readonly degree: number;
  readonly cap: number;
  readonly packets: number;
  /** Members it knows to be in the group (itself included). */
  readonly members: readonly number[];
  /** Members it knows to have left or died. */
  readonly departed: readonly number[];
  /** Its overlay links. */
  readonly neighbours: readonly number[];
  /** Each neighbour's last advertised routing table. */
  readonly heard: readonly Heard[];
  /** Its routing table. */
  readonly routes: readonly Route[];
  /** Neighbours probed and not answered yet. */
  readonly probes: readonly number[];
  /** Links asked for and not answered yet. */
  readonly requests: readonly Request[];
  /** Whether it has probed its neighbours (the refresh when time passes). */
  readonly refreshed: boolean;
  /** The source: the next packet's number; packets sent by its timer. */
  readonly sent: number;
  readonly ticks: number;
  /** Packets of the source delivered. */
  readonly delivered: readonly number[];
  /** The source's tree entry, as last observed. */
  readonly tree: Tree | null;
}

/** What a member sends. */
export type MemberSend =
  | Omit<Hello, 'from'>
  | Omit<LinkRequest, 'from'>
  | Omit<LinkAccept, 'from'>
  | Omit<Refresh, 'from'>
  | Omit<Leave, 'from'>
  | Omit<Probe, 'from'>
  | Omit<ProbeAck, 'from'>
  | Omit<Data, 'from'>;

/** The guards a member asks from inside its steps. */
export type MemberGuard =
  'pathUsable' | 'fromParent' | 'forwardsTo' | 'isRepairTarget' | 'isDuplicate' | 'probesOnAnswer';

/** A member's effects. */
export type MemberOut = Effects<MemberSend, MemberGuard>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What a member tells a neighbour: membership and routing table. */
export function body(c: MemberContext): RefreshBody {
  return { members: c.members, departed: c.departed, routes: c.routes };
}

/** Merges membership news: members learnt, members departed (their links and waits dropped). */
export function absorb(
  c: MemberContext,
  members: readonly number[],
  departed: readonly number[],
): MemberContext {
  const gone = union(c.departed, departed);
  const neighbours = minus(c.neighbours, gone);
  return {
    ...c,
    departed: gone,
    members: minus(union(c.members, members), gone),
    neighbours,
    heard: c.heard.filter((h) => neighbours.includes(h.peer)),
    probes: minus(c.probes, gone),
    requests: c.requests.filter((r) => !gone.includes(r.peer)),
  };
}

/** `c` with `peer`'s advertised table replaced by `routes`. */
export function hear(c: MemberContext, peer: number, routes: readonly Route[]): MemberContext {
  const heard = [...c.heard.filter((h) => h.peer !== peer), { peer, routes }].sort(
    (a, b) => a.peer - b.peer,
  );
  return { ...c, heard };
}

/** The source's tree entry at `c`. */
export function treeOf(c: MemberContext): Tree {
  const r = routeTo(c.routes, c.source);
  const kids = c.neighbours.filter((p) => usesMe(c.heard, c.self, p, c.source));
  return { parent: r?.path[1] ?? -1, path: r?.path ?? [], kids };
}

/**
 * Ends a step that changed `before` into `after`: recomputes the routing table, observes links
 * dropped and a changed tree entry, and sends a refresh to every neighbour when anything it tells
 * them changed (else only to `also`); never to `skip` (it gets a LinkAccept instead).
 */
export function commit(
  before: MemberContext,
  after: MemberContext,
  out: MemberOut,
  also: readonly number[] = [],
  skip: readonly number[] = [],
): MemberContext {
  const { departed, cap } = after;
  const routes = computeRoutes(after, (path) =>
    out.check('pathUsable', { path, departed: [...departed], cap }),
  );
  const next: MemberContext = { ...after, routes };
  for (const peer of minus(before.neighbours, next.neighbours)) out.observe('unlink', { peer });
  const changed =
    !same(before.routes, routes) ||
    !same(before.members, next.members) ||
    !same(before.departed, next.departed) ||
    !same(before.neighbours, next.neighbours);
  const to = minus(
    changed ? next.neighbours : also.filter((p) => next.neighbours.includes(p)),
    skip,
  );
  out.send(to, { type: 'Refresh', ...body(next) });
  const tree = treeOf(next);
  if (before.tree === null || !same(tree, before.tree)) {
    out.observe('tree', {
      src: next.source,
      parent: tree.parent,
      path: [...tree.path],
      kids: [...tree.kids],
    });
  }
  return { ...next, tree };
}

/** Sends packet `seq` of the source on from `from` (the source itself, or its parent). */
export function forwardData(c: MemberContext, seq: number, from: number, out: MemberOut): void {
  for (const peer of c.neighbours) {
    const child = usesMe(c.heard, c.self, peer, c.source);
    if (!out.check('forwardsTo', { peer, from, child })) continue;
    out.send(peer, { type: 'Data', src: c.source, seq });
    out.observe('forward', { src: c.source, seq, from, to: peer });
  }
}

/** The source multicasts its next packet: delivers it itself and sends it to its children. */
export function emit(c: MemberContext, out: MemberOut): Partial<MemberContext> {
  const seq = c.sent;
  out.observe('send', { src: c.self, seq });
  out.observe('deliver', { src: c.self, seq });
  forwardData(c, seq, c.self, out);
  return { sent: seq + 1, delivered: union(c.delivered, [seq]) };
}
