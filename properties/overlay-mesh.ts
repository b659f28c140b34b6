/**
 * Properties of an overlay multicast mesh and its per-source delivery tree (Narada), over
 * histories of these member observations:
 * - `joining` (asked to join), `joined` (first overlay link, or a member of the initial group),
 *   `left` (graceful leave), `crashed`; `dead {peer}` (it declared `peer` dead);
 * - `link {peer, why}` / `unlink {peer}`: an overlay link to `peer` set up / torn down at this end
 *   (`why`: `initial`, `join`, `accept` or `repair`);
 * - `tree {src, parent, path, kids}`: its entry in the tree of source `src` changed: its parent
 *   (next hop towards `src`, -1 at the source or without a route), the route's whole `path` (from
 *   itself) and its children (neighbours whose next hop towards `src` is itself).
 * A member is live when it joined (or asked to) and neither left nor crashed.
 */
import type {
  CheckedProperty,
  History,
  Observation,
  SometimesProperty,
  Verdict,
} from '../models/kernel/spec.ts';

const num = (o: Observation, key: string): number => Number(o[key]);
const nums = (o: Observation, key: string): number[] => {
  const v = o[key];
  return Array.isArray(v) ? v.map(Number) : [];
};

/** The live members: joined or joining, and neither left nor crashed. */
export function liveMembers(history: History): number[] {
  const live = new Set<number>();
  const gone = new Set<number>();
  for (const o of history) {
    if (o.kind === 'joined' || o.kind === 'joining') live.add(o.node);
    if (o.kind === 'left' || o.kind === 'crashed') gone.add(o.node);
  }
  return [...live].filter((m) => !gone.has(m)).sort((a, b) => a - b);
}

/** Each member's overlay links at its own end (its last `link` / `unlink` of each peer). */
export function linkEnds(history: History): Map<number, Set<number>> {
  const ends = new Map<number, Set<number>>();
  for (const o of history) {
    if (o.kind !== 'link' && o.kind !== 'unlink') continue;
    const mine = ends.get(o.node) ?? new Set<number>();
    if (o.kind === 'link') mine.add(num(o, 'peer'));
    else mine.delete(num(o, 'peer'));
    ends.set(o.node, mine);
  }
  return ends;
}

/** A member's latest entry in the tree of a source. */
export interface TreeEntry {
  readonly parent: number;
  readonly path: readonly number[];
  readonly kids: readonly number[];
}

/** The latest tree entry of each member, for source `src`. */
export function treeEntries(history: History, src: number): Map<number, TreeEntry> {
  const out = new Map<number, TreeEntry>();
  for (const o of history) {
    if (o.kind !== 'tree' || num(o, 'src') !== src) continue;
    out.set(o.node, { parent: num(o, 'parent'), path: nums(o, 'path'), kids: nums(o, 'kids') });
  }
  return out;
}

/** The sources whose tree some member reports. */
export function treeSources(history: History): number[] {
  const srcs = new Set<number>();
  for (const o of history) if (o.kind === 'tree') srcs.add(num(o, 'src'));
  return [...srcs].sort((a, b) => a - b);
}

const violation = (property: string, message: string, nodes: number[]): Verdict => ({
  property,
  message,
  nodes,
  messages: [],
});

/** Whether `a` and `b` are linked at both ends. */
const linked = (ends: Map<number, Set<number>>, a: number, b: number) =>
  (ends.get(a)?.has(b) ?? false) && (ends.get(b)?.has(a) ?? false);

/**
 * At quiescence, for every live source, the tree entries of the live members form a tree rooted
 * at the source that spans exactly the live members: each live member but the source has a
 * parent that is live and linked to it, lists it as a child, and leads to the source without a
 * loop; a member's children are exactly the live members whose parent it is.
 */
export function checkTreeSpansLive(history: History): Verdict {
  const P = 'tree-spans-live';
  const live = liveMembers(history);
  const ends = linkEnds(history);
  for (const src of treeSources(history)) {
    if (!live.includes(src)) continue;
    const entries = treeEntries(history, src);
    for (const m of live) {
      const e = entries.get(m);
      if (e === undefined) return violation(P, `member ${m} has no entry in ${src}'s tree`, [m]);
      const kids = live.filter((c) => entries.get(c)?.parent === m);
      const extra = e.kids.filter((k) => !kids.includes(k));
      const missing = kids.filter((k) => !e.kids.includes(k));
      if (extra.length > 0 || missing.length > 0) {
        const what = extra.length > 0 ? `lists ${extra.join(', ')}` : `omits ${missing.join(', ')}`;
        return violation(P, `member ${m}'s children in ${src}'s tree are wrong: it ${what}`, [m]);
      }
      if (m === src) continue;
      if (e.parent < 0) return violation(P, `live member ${m} has no route to source ${src}`, [m]);
      if (!live.includes(e.parent)) {
        return violation(P, `member ${m}'s parent towards ${src} is ${e.parent}, which is gone`, [
          m,
          e.parent,
        ]);
      }
      if (!linked(ends, m, e.parent)) {
        return violation(P, `member ${m}'s parent ${e.parent} is not its overlay neighbour`, [
          m,
          e.parent,
        ]);
      }
      const seen = [m];
      let at = m;
      while (at !== src) {
        at = entries.get(at)?.parent ?? -1;
        if (at < 0 || !live.includes(at)) break;
        if (seen.includes(at)) {
          return violation(P, `${src}'s tree has a loop: ${[...seen, at].join(' → ')}`, seen);
        }
        seen.push(at);
      }
      if (at !== src) {
        return violation(
          P,
          `member ${m}'s parents do not lead to ${src}: ${seen.join(' → ')}`,
          seen,
        );
      }
    }
  }
  return null;
}

/** Tree spans live: at quiescence each source's tree spans exactly the live members, loop-free. */
export const treeSpansLive: CheckedProperty = {
  name: 'tree-spans-live',
  statement:
    "At quiescence each live source's delivery tree spans exactly the live members: parents live and linked, no loop, children consistent.",
  kind: 'quiescence',
  check: checkTreeSpansLive,
};

/**
 * At quiescence, the overlay links (set up at both ends) among live members connect them all,
 * and no live member keeps a link to a member that left or crashed.
 */
export function checkMeshConnected(history: History): Verdict {
  const P = 'mesh-connected';
  const live = liveMembers(history);
  const ends = linkEnds(history);
  for (const m of live) {
    for (const peer of ends.get(m) ?? []) {
      if (!live.includes(peer)) {
        return violation(P, `member ${m} keeps a link to ${peer}, which is gone`, [m, peer]);
      }
    }
  }
  if (live.length === 0) return null;
  const reached = new Set([live[0]!]);
  const todo = [live[0]!];
  while (todo.length > 0) {
    const at = todo.pop()!;
    for (const peer of live) {
      if (!reached.has(peer) && linked(ends, at, peer)) {
        reached.add(peer);
        todo.push(peer);
      }
    }
  }
  const cut = live.filter((m) => !reached.has(m));
  if (cut.length === 0) return null;
  return violation(
    P,
    `the mesh is partitioned: ${cut.join(', ')} cannot reach ${[...reached].join(', ')}`,
    cut,
  );
}

/** Mesh connected: a leave or crash never partitions the live members for good. */
export const meshConnected: CheckedProperty = {
  name: 'mesh-connected',
  statement:
    'At quiescence the overlay links connect all live members, and none keeps a link to a departed one.',
  kind: 'quiescence',
  check: checkMeshConnected,
};

/** No member ever adopts a route (in a source's tree) whose path visits a member twice. */
export function checkLoopFreeRoutes(history: History): Verdict {
  for (const o of history) {
    if (o.kind !== 'tree') continue;
    const path = nums(o, 'path');
    if (new Set(path).size !== path.length) {
      return violation(
        'loop-free-routes',
        `member ${o.node} took a route to ${num(o, 'src')} through a loop: ${path.join(' → ')}`,
        [o.node],
      );
    }
  }
  return null;
}

/** Loop-free routes: Narada's path vector never lets a route pass through a member twice. */
export const loopFreeRoutes: CheckedProperty = {
  name: 'loop-free-routes',
  statement: 'No member ever takes a route towards a source whose path visits a member twice.',
  kind: 'safety',
  check: checkLoopFreeRoutes,
};

/** Whether some member set up a link to repair the mesh (`link {why: 'repair'}`). */
export function reachedRepair(history: History): boolean {
  return history.some((o) => o.kind === 'link' && o['why'] === 'repair');
}

/** Repair happens: some run repairs the mesh after a departure left a member without a route. */
export const repairHappens: SometimesProperty = {
  name: 'repair-happens',
  statement: 'Some run repairs the mesh: a member links to a member it had no route to.',
  kind: 'sometimes',
  reached: reachedRepair,
};
