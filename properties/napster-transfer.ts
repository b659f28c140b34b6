/**
 * Properties of peer-to-peer transfer behind a central index (Napster's): a download goes to a
 * peer a search listed and succeeds unless that peer failed or logged out; file data never passes
 * through the index. Over peers' observations `found {q, hits}`, `get {file, peer}`, `got {file,
 * peer, data}`, `getFailed {file, peer, reason}`, `logout`, and the kernel's `crash`; the second is
 * an invariant over the messages in flight.
 */
import type {
  CheckedProperty,
  History,
  InvariantProperty,
  PropertyContext,
  Verdict,
  WorldView,
} from '../models/kernel/spec.ts';
import { hitsOf } from './napster-search.ts';

/**
 * Checks, at quiescence, every download of a live peer: it asked a peer its latest search listed
 * for the file; it ended; it failed only if that peer had crashed or invoked a logout by then; and
 * what it got came from that peer.
 */
export function checkGetFromListedPeer(history: History, context: PropertyContext): Verdict {
  const asked = new Map<number, { file: unknown; peer: unknown; at: number } | null>();
  const fail = (message: string, nodes: number[], file: unknown): Verdict => ({
    property: 'get-from-listed-peer',
    message,
    nodes,
    messages: [String(file)],
  });
  for (let at = 0; at < history.length; at++) {
    const o = history[at]!;
    if (o.kind === 'get') {
      const found = history
        .slice(0, at)
        .filter((f) => f.node === o.node && f.kind === 'found')
        .at(-1);
      const listed =
        found !== undefined &&
        hitsOf(found).some((h) => h.peer === o['peer'] && h.file === o['file']);
      if (!listed) {
        return fail(
          `node ${o.node} asked node ${String(o['peer'])} for ${String(o['file'])}, which its latest search did not list there`,
          [o.node],
          o['file'],
        );
      }
      asked.set(o.node, { file: o['file'], peer: o['peer'], at });
    }
    if (o.kind === 'got' || o.kind === 'getFailed') {
      const a = asked.get(o.node);
      if (a === undefined || a === null || a.peer !== o['peer'] || a.file !== o['file']) {
        return fail(
          `node ${o.node} got ${String(o['file'])} from node ${String(o['peer'])}, which it did not ask`,
          [o.node],
          o['file'],
        );
      }
      asked.set(o.node, null);
      const source = o['peer'];
      if (o.kind === 'getFailed') {
        const excused = history
          .slice(0, at)
          .some((e) => e.node === source && (e.kind === 'crash' || e.kind === 'logout'));
        if (!excused) {
          return fail(
            `node ${o.node}'s download of ${String(o['file'])} from node ${String(source)} failed (${String(o['reason'])}), though that peer neither crashed nor logged out`,
            [o.node, typeof source === 'number' ? source : -1],
            o['file'],
          );
        }
      }
    }
  }
  for (const [node, a] of asked) {
    if (a !== null && context.up[node] === true) {
      return fail(`node ${node}'s download of ${String(a.file)} never ended`, [node], a.file);
    }
  }
  return null;
}

/**
 * Checks that no message carrying file data (`File`, or any message with a `data` field) is in
 * flight to or from a node of a role other than `peerRole`.
 */
export function checkDataPeerToPeer(world: WorldView, peerRole = 'peer'): Verdict {
  for (const m of world.inFlight()) {
    const raw = m.msg;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) continue;
    const msg = raw as { readonly [key: string]: unknown };
    const carriesData = msg['type'] === 'File' || 'data' in msg;
    const ends = [m.from, m.to].filter((n) => world.nodes[n]?.role !== peerRole);
    if (carriesData && ends.length > 0) {
      return {
        property: 'data-peer-to-peer',
        message: `file data in flight from node ${m.from} to node ${m.to}, through an ${world.nodes[ends[0]!]?.role ?? '?'}`,
        nodes: [m.from, m.to],
        messages: [String(msg['file'] ?? msg['type'])],
      };
    }
  }
  return null;
}

/** Downloads go to listed peers and succeed unless the peer crashed or logged out. */
export const getFromListedPeer: CheckedProperty = {
  name: 'get-from-listed-peer',
  statement:
    'a download asks a peer the latest search listed for the file, ends, and fails only if that peer crashed or logged out',
  kind: 'quiescence',
  scope: 'global',
  reads: ['found', 'get', 'got', 'getFailed', 'logout', 'crash'],
  check: checkGetFromListedPeer,
};

/** File data travels peer to peer only. */
export const dataPeerToPeer: InvariantProperty = {
  name: 'data-peer-to-peer',
  statement:
    'no file data is ever in flight to or from an index server: transfers are peer to peer',
  kind: 'always',
  check: (world) => checkDataPeerToPeer(world),
};
