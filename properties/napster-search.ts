/**
 * Properties of a central index (Napster's): what a search must answer, and when it must answer.
 * Pure functions over histories of peers' observations, so they also check a real index's logs:
 *
 * - `login {q, files}` … `loggedIn {q}`: a peer asked the index to list `files` as shared by it,
 *   and the index acknowledged it; `logout {q}` … `loggedOut {q}` likewise for leaving;
 * - `search {q, keyword, servers}` … `found {q, hits: [{peer, file}]}`: a search and its answer
 *   (`servers`: the index servers the peer relies on), or `failed {q, op, servers}`: the peer gave
 *   up on the operation;
 * - `crash` (recorded by the kernel).
 *
 * A search is a read of the index, checked as a linearizable read: it is invoked at its `search`
 * and answered at its `found`, and it may take effect at any point between. So a login
 * acknowledged before the search was invoked must show (unless the peer logged out or crashed
 * before the answer), a logout acknowledged before it was invoked must show too (the peer is not
 * listed, unless it logged in again before the answer), and logins and logouts concurrent with the
 * search may go either way. The acknowledgement is the observation that the operation reached
 * the index: the index (or the replicated group, once committed) answers only after applying it.
 */
import type {
  CheckedProperty,
  History,
  Observation,
  PropertyContext,
  SometimesProperty,
  Verdict,
} from '../models/kernel/spec.ts';

/** Whether a file name matches a keyword; Napster's default: the name contains it. */
export type Matcher = (file: string, keyword: string) => boolean;

/** Substring match, the napster model's. */
export const containsKeyword: Matcher = (file, keyword) => file.includes(keyword);

const str = (o: Observation, field: string): string => {
  const v = o[field];
  return typeof v === 'string' ? v : '';
};

const strings = (o: Observation, field: string): string[] => {
  const v = o[field];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

const numbers = (o: Observation, field: string): number[] => {
  const v = o[field];
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
};

/** The hits of a `found` observation. */
export function hitsOf(o: Observation): { peer: number; file: string }[] {
  const v = o['hits'];
  if (!Array.isArray(v)) return [];
  return v.flatMap((h) =>
    typeof h === 'object' && h !== null && !Array.isArray(h) && typeof h['peer'] === 'number'
      ? [{ peer: h['peer'], file: typeof h['file'] === 'string' ? h['file'] : '' }]
      : [],
  );
}

/** The position of the observation at `node` of `kind` with `q`, or -1. */
function positionOf(history: History, node: number, kind: string, q: string): number {
  return history.findIndex((o) => o.node === node && o.kind === kind && o['q'] === q);
}

/** What the history says of one peer's membership, by position. */
interface Membership {
  /** Its login and logout invocations, in order: position, kind, files, acknowledgement. */
  readonly changes: readonly {
    readonly at: number;
    readonly kind: 'login' | 'logout';
    readonly files: readonly string[];
    readonly acked: number;
  }[];
  /** Where it crashed (Infinity: never). */
  readonly crashed: number;
}

/** Every peer's logins, logouts and crash. */
function memberships(history: History): Map<number, Membership> {
  const peers = new Map<number, Membership>();
  const get = (node: number): Membership => peers.get(node) ?? { changes: [], crashed: Infinity };
  history.forEach((o, at) => {
    if (o.kind === 'login' || o.kind === 'logout') {
      const q = str(o, 'q');
      const ack = positionOf(history, o.node, o.kind === 'login' ? 'loggedIn' : 'loggedOut', q);
      const m = get(o.node);
      const change = {
        at,
        kind: o.kind,
        files: strings(o, 'files'),
        acked: ack < 0 ? Infinity : ack,
      } as const;
      peers.set(o.node, { ...m, changes: [...m.changes, change] });
    }
    if (o.kind === 'crash' && peers.has(o.node)) {
      const m = get(o.node);
      peers.set(o.node, { ...m, crashed: Math.min(m.crashed, at) });
    }
  });
  return peers;
}

/**
 * Checks every answered search: it lists each peer that, for the whole search, was logged in (its
 * login acknowledged before the search, no logout invoked and no crash before the answer) with
 * each of its matching files; and it lists no file that does not match, that its peer never
 * shared, or of a peer whose logout was acknowledged before the search and which did not log in
 * again before the answer.
 */
export function checkSearchComplete(history: History, matches: Matcher = containsKeyword): Verdict {
  const peers = memberships(history);
  for (let answered = 0; answered < history.length; answered++) {
    const found = history[answered]!;
    if (found.kind !== 'found') continue;
    const q = str(found, 'q');
    const invoked = positionOf(history, found.node, 'search', q);
    if (invoked < 0 || invoked > answered) continue;
    const keyword = str(history[invoked]!, 'keyword');
    const hits = hitsOf(found);
    const fail = (message: string, peer: number): Verdict => ({
      property: 'search-complete',
      message: `search ${q} (“${keyword}”) ${message}`,
      nodes: [found.node, peer],
      messages: [q],
    });
    for (const h of hits) {
      const m = peers.get(h.peer);
      const before = (m?.changes ?? []).filter((c) => c.at < answered);
      if (!matches(h.file, keyword)) return fail(`lists ${h.file}, which does not match`, h.peer);
      if (!before.some((c) => c.kind === 'login' && c.files.includes(h.file))) {
        return fail(`lists ${h.file} at node ${h.peer}, which never shared it`, h.peer);
      }
      const last = before.at(-1);
      if (last !== undefined && last.kind === 'logout' && last.acked < invoked) {
        return fail(
          `lists node ${h.peer}, whose logout was acknowledged before the search began`,
          h.peer,
        );
      }
    }
    for (const [peer, m] of peers) {
      if (m.crashed < answered) continue;
      const atStart = m.changes.filter((c) => c.at < invoked).at(-1);
      const during = m.changes.filter((c) => c.at >= invoked && c.at < answered);
      if (atStart?.kind !== 'login' || atStart.acked > invoked || during.length > 0) continue;
      for (const file of atStart.files) {
        if (!matches(file, keyword)) continue;
        if (!hits.some((h) => h.peer === peer && h.file === file)) {
          return fail(`misses ${file} at node ${peer}, logged in throughout`, peer);
        }
      }
    }
  }
  return null;
}

/** How many of `servers` crashed before position `at`. */
function crashedBefore(history: History, servers: readonly number[], at: number): number {
  const down = new Set<number>();
  for (let i = 0; i < at; i++) {
    const o = history[i]!;
    if (o.kind === 'crash' && servers.includes(o.node)) down.add(o.node);
  }
  return down.size;
}

/** Whether a majority of `servers` had crashed before position `at`. */
function serviceDown(history: History, servers: readonly number[], at: number): boolean {
  return crashedBefore(history, servers, at) >= Math.floor(servers.length / 2) + 1;
}

/**
 * Checks, at quiescence, that every search of a live peer was answered, and that a search failed
 * only when a majority of the index servers it relies on had crashed (one server: the index).
 */
export function checkSearchesAnswered(history: History, context: PropertyContext): Verdict {
  for (let at = 0; at < history.length; at++) {
    const o = history[at]!;
    const q = str(o, 'q');
    const servers = numbers(o, 'servers');
    const fail = (message: string): Verdict => ({
      property: 'searches-answered',
      message,
      nodes: [o.node, ...servers],
      messages: [q],
    });
    if (o.kind === 'search' && context.up[o.node] === true) {
      const done = history.some(
        (d) => d.node === o.node && (d.kind === 'found' || d.kind === 'failed') && d['q'] === q,
      );
      if (!done) return fail(`node ${o.node}'s search ${q} was never answered`);
    }
    if (o.kind === 'failed' && o['op'] === 'search' && !serviceDown(history, servers, at)) {
      const down = crashedBefore(history, servers, at);
      return fail(
        `node ${o.node}'s search ${q} failed with ${down} of ${servers.length} index servers down`,
      );
    }
  }
  return null;
}

/**
 * Checks that no search invoked after a majority of the index servers it relies on had crashed
 * (the central index: after the index crashed) was answered: the single point of failure.
 */
export function checkNoAnswerWithoutIndex(history: History): Verdict {
  for (let at = 0; at < history.length; at++) {
    const o = history[at]!;
    if (o.kind !== 'search') continue;
    const servers = numbers(o, 'servers');
    if (!serviceDown(history, servers, at)) continue;
    const q = str(o, 'q');
    const answered = history.some((f) => f.node === o.node && f.kind === 'found' && f['q'] === q);
    if (answered) {
      return {
        property: 'no-answer-without-index',
        message: `node ${o.node}'s search ${q} was answered, though it began with ${crashedBefore(history, servers, at)} of its ${servers.length} index servers crashed`,
        nodes: [o.node, ...servers],
        messages: [q],
      };
    }
  }
  return null;
}

/**
 * Whether some search began after an index server it relies on had crashed, and ended: failed
 * with the index down (the central index, where nothing takes over), or answered by a surviving
 * server (a replicated index, after a fail-over).
 */
export function searchAfterIndexCrash(history: History): boolean {
  return history.some((o, at) => {
    if (o.kind !== 'search') return false;
    const servers = numbers(o, 'servers');
    if (crashedBefore(history, servers, at) === 0) return false;
    const q = o['q'];
    return history.some(
      (e, end) =>
        end > at &&
        e.node === o.node &&
        e['q'] === q &&
        ((e.kind === 'failed' && serviceDown(history, servers, end)) || e.kind === 'found'),
    );
  });
}

const readsMembership = ['login', 'loggedIn', 'logout', 'loggedOut', 'search', 'found', 'crash'];

/** Searches list exactly the peers sharing a match, as a linearizable read of the index. */
export const searchComplete: CheckedProperty = {
  name: 'search-complete',
  statement:
    'a search lists every peer logged in throughout it with each matching file it shares, and no peer whose logout was acknowledged before it began (concurrent logins and logouts may go either way)',
  kind: 'safety',
  scope: 'global',
  reads: readsMembership,
  check: (history) => checkSearchComplete(history),
};

/** Searches are answered while a majority of the index servers is up. */
export const searchesAnswered: CheckedProperty = {
  name: 'searches-answered',
  statement:
    'at quiescence every search of a live peer was answered, and a search failed only with a majority of its index servers crashed (the central index: with the index crashed)',
  kind: 'quiescence',
  scope: 'global',
  reads: ['search', 'found', 'failed', 'crash'],
  check: checkSearchesAnswered,
};

/** The single point of failure: with the index down, no search is answered. */
export const noAnswerWithoutIndex: CheckedProperty = {
  name: 'no-answer-without-index',
  statement:
    'no search that began with a majority of its index servers crashed (the central index: with the index crashed) is answered',
  kind: 'safety',
  scope: 'global',
  reads: ['search', 'found', 'crash'],
  check: (history) => checkNoAnswerWithoutIndex(history),
};

/** A witness that index crashes are explored: a search after one ends, one way or the other. */
export const searchAfterIndexCrashEnds: SometimesProperty = {
  name: 'search-after-index-crash',
  statement:
    'some search begins after an index server it relies on crashed and ends: it fails with the index down (central index) or a surviving replica answers it (replicated index)',
  kind: 'sometimes',
  scope: 'global',
  reads: ['search', 'found', 'failed', 'crash'],
  reached: (history) => searchAfterIndexCrash(history),
};
