/**
 * The expanding ring (Lv et al., ICS 2002, section 4.1; the seed: "expanding ring using
 * incrementally expanding TTL"), over a searching servent's observations (see
 * models/gnutella/ring.machine.ts): `ring {search, ttl, max}` when a round starts, `query {guid,
 * search}` for the round's Query, `hit {guid}` when a QueryHit reaches it, `ring-end {search,
 * found}` when the search ends. Histories without `ring` observations (plain flooding) satisfy
 * both properties.
 */
import type { CheckedProperty, History, Verdict } from '../models/kernel/spec.ts';
import { answerOn, monitor, untilViolation, violated } from './monitor.ts';
import { endsIncarnation, forgetIn, NodeMemory } from './node-memory.ts';

/** What ring-stops remembers per searcher. */
interface Rounds {
  /** Each round's Query GUID: its search. */
  readonly searchOf: NodeMemory<string>;
  /** The searches that had a hit. */
  readonly found: NodeMemory<true>;
}

/** Ring-stops as a monitor: each searcher's rounds and hits, up to the first violation. */
const ringStopsMonitor = untilViolation<Rounds>(
  { searchOf: NodeMemory.empty(), found: NodeMemory.empty() },
  (s, o) => {
    if (endsIncarnation(o)) return forgetIn(s, o);
    const search = String(o['search']);
    if (o.kind === 'query') {
      return { ...s, searchOf: s.searchOf.set(o.node, String(o['guid']), search) };
    }
    if (o.kind === 'hit') {
      const of = s.searchOf.get(o.node, String(o['guid']));
      return of === undefined ? s : { ...s, found: s.found.set(o.node, of, true) };
    }
    if (o.kind !== 'ring' || !s.found.get(o.node, search)) return s;
    return violated({
      property: 'ring-stops',
      message: `node ${o.node} started a round with TTL ${String(o['ttl'])} of search ${search} after it had a hit`,
      nodes: [o.node],
      messages: [search],
    });
  },
);

/**
 * Checks that a ring stops at its first hit (what it saves over flooding): no round of a search
 * starts after a QueryHit for one of its rounds reached the searcher.
 */
export function checkRingStops(history: History): Verdict {
  return answerOn(ringStopsMonitor, history);
}

/** A ring stops at its first hit. */
export const ringStops: CheckedProperty = {
  name: 'ring-stops',
  statement:
    'An expanding-ring search starts no further round once a QueryHit for it has come back (it ' +
    'floods only as far as the nearest copy).',
  kind: 'safety',
  check: checkRingStops,
  monitor: ringStopsMonitor,
};

/** A search's rings at its searcher: the last round's TTL, the full TTL, and how it ended. */
interface Ring {
  readonly ttl: number;
  readonly max: number;
  readonly ended: boolean;
  readonly found: boolean;
}

/** Ring-expands as a monitor: each searcher's searches; the answer reads them at quiescence. */
const ringExpandsMonitor = monitor<NodeMemory<Ring>, Verdict>({
  start: NodeMemory.empty(),
  step: (rings, o) => {
    if (endsIncarnation(o)) return rings.after(o);
    const search = String(o['search']);
    const r = rings.get(o.node, search);
    if (o.kind === 'ring') {
      const ttl = Number(o['ttl']);
      return rings.set(o.node, search, { ttl, max: Number(o['max']), ended: false, found: false });
    }
    if (o.kind === 'ring-end' && r !== undefined) {
      return rings.set(o.node, search, { ...r, ended: true, found: o['found'] === true });
    }
    return rings;
  },
  answer: (all) => {
    for (let rings = all, e = rings.first(); e !== undefined; e = rings.first()) {
      const { node, slot, value } = e;
      rings = rings.delete(node, slot);
      const why = !value.ended
        ? 'never ended'
        : !value.found && value.ttl < value.max
          ? `ended without a hit at TTL ${value.ttl} of ${value.max}`
          : null;
      if (why !== null) {
        return {
          property: 'ring-expands',
          message: `search ${slot} at node ${node} ${why}`,
          nodes: [node],
          messages: [slot],
        };
      }
    }
    return null;
  },
});

/**
 * Checks at quiescence that every ring ended, and that one that ended without a hit had expanded
 * to its full TTL (so it searched as far as plain flooding would). A searcher that crashed or left
 * is not held to it.
 */
export function checkRingExpands(history: History): Verdict {
  return answerOn(ringExpandsMonitor, history);
}

/** A ring expands to its full TTL unless it finds a copy. */
export const ringExpands: CheckedProperty = {
  name: 'ring-expands',
  statement:
    'At quiescence every expanding-ring search has ended, and one that found nothing had grown ' +
    'to its full TTL.',
  kind: 'quiescence',
  check: checkRingExpands,
  monitor: ringExpandsMonitor,
};
