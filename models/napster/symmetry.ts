import type { Payload } from '../kernel/action.ts';
import { canonicalJson, isJsonObject, type Json, type JsonObject } from '../kernel/json.ts';
import type { Config, Symmetry } from '../kernel/protocol.ts';
import { renameNode } from '../kernel/renaming.ts';
import type { Observation } from '../kernel/spec.ts';

/**
 * Node symmetry of Napster: peers that share the same files (the same list, in the same order: it
 * is its login's argument) and get the same calls, in the same order, are interchangeable. Index
 * servers stay fixed (the replicated index orders them: primary-backup's master is the lowest
 * member). Not declared (no class) when:
 * - the configuration budgets a crash: two peers of a class can then be waiting at quiescence, and
 *   one expiry fires every due timer in node order, so their `failed` observations enter the
 *   global order (which `search-complete` and the others read) lower index first in every run;
 * - a download could choose between peers of a class, or between one of them and another peer
 *   sharing the file: a peer downloads from the lowest listed peer (`sourceOf`), which renaming
 *   does not keep. (Of a class of two, each member downloading from the other is symmetric.)
 *
 * A peer appears by node index in a peer's `self` and `source`, in search hits (a `Reply`'s
 * value, a peer's `hits`, a `found` observation), in the index's `peer/file` store keys, in the
 * `at` of the replicated log's entries, and in the `peer` of `get`, `got` and `getFailed`; and by
 * name (`p0`: the first peer's node, after the index servers) in a peer's `name`, a `Request`'s
 * `client`, a log entry's `client`, the duplicate table's keys, the data a `File` carries
 * (`a.mp3 from p0`), and every request id (`p0.1`: the `q` of a peer's observations, the `op` of a
 * replica's `apply`, the `log` of its `install`). A name with no node index beside it is placed by
 * the configuration (where the peers begin). Hits and stores are kept in peer then file order, as
 * the index builds them; logs, request queues and call queues keep the order things happened in.
 */
export const napsterSymmetry: Symmetry = {
  classes: (config: Config) => {
    // A crash can leave two peers of a class waiting at quiescence, where one expiry fires every
    // due timer and the kernel records the give-ups in node order: no run has them the other way.
    if ((config.faults.crash ?? 0) > 0) return [];
    const filesOf = (i: number): readonly Json[] => {
      const input = config.nodes[i]!.input;
      const files = isJsonObject(input) ? input['files'] : undefined;
      return Array.isArray(files) ? files : [];
    };
    const groups = new Map<string, number[]>();
    config.nodes.forEach((node, i) => {
      if (node.role !== 'peer') return;
      const calls = config.inputs.filter((x) => x.node === i).map((x) => x.event);
      const key = canonicalJson([filesOf(i), calls]);
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    // A download picks the lowest listed peer: a choice among a class's peers (a peer outside it,
    // or one of three or more inside, downloading what they share), or between one of them and
    // another peer sharing it too, would not follow the renaming.
    const choosy = (cls: readonly number[]): boolean => {
      const shared = new Set(filesOf(cls[0]!));
      return config.inputs.some(
        (x) =>
          x.event.type === 'get' &&
          shared.has(x.event['file'] ?? null) &&
          (!cls.includes(x.node) ||
            cls.length > 2 ||
            config.nodes.some(
              (n, i) =>
                n.role === 'peer' && !cls.includes(i) && filesOf(i).includes(x.event['file']!),
            )),
      );
    };
    return [...groups.values()].filter((cls) => cls.length > 1 && !choosy(cls));
  },
  renameContext: (context: Json, perm: readonly number[]) => {
    if (!isJsonObject(context)) return context;
    if (typeof context['name'] === 'string') return renamePeer(context, perm);
    return renameServer(context, perm);
  },
  renameMessage: (msg: Payload, perm: readonly number[], config: Config) => {
    switch (msg.type) {
      case 'Request':
        return typeof msg['client'] === 'string'
          ? { ...msg, client: renameInferred(msg['client'], perm, config) }
          : msg;
      case 'Reply':
        return Array.isArray(msg['value'])
          ? { ...msg, value: renameHits(msg['value'], perm) }
          : msg;
      case 'File':
        return typeof msg['data'] === 'string'
          ? { ...msg, data: renameData(msg['data'], (name) => renameInferred(name, perm, config)) }
          : msg;
      case 'Update':
        return { ...msg, entry: renameEntry(msg['entry'] ?? null, perm) };
      case 'DoViewChange':
      case 'StartView':
        return { ...msg, log: renameEntries(msg['log'] ?? null, perm) };
      default:
        return msg;
    }
  },
  renameObservation: (observation: Observation, perm: readonly number[], config: Config) => {
    const renamed: { [field: string]: Json } = {};
    const q = observation['q'];
    // A peer's request id names the peer itself.
    if (typeof q === 'string') renamed['q'] = renameAt(q, observation.node, perm);
    // A replica's `apply` names the requester, who is not the observer.
    const op = observation['op'];
    if (observation.kind === 'apply' && typeof op === 'string') {
      renamed['op'] = renameInferred(op, perm, config);
    }
    // A replica's `install` lists the new view's log by request id.
    const log = observation['log'];
    if (observation.kind === 'install' && Array.isArray(log)) {
      renamed['log'] = log.map((id) =>
        typeof id === 'string' ? renameInferred(id, perm, config) : id,
      );
    }
    const peer = observation['peer'];
    if (typeof peer === 'number' && peer >= 0) renamed['peer'] = perm[peer] ?? peer;
    // The data a `got` carries names the peer it came from.
    const data = observation['data'];
    if (typeof data === 'string' && typeof peer === 'number' && peer >= 0) {
      renamed['data'] = renameData(data, (name) => renameAt(name, peer, perm));
    }
    const hits = observation['hits'];
    if (Array.isArray(hits)) renamed['hits'] = renameHits(hits, perm);
    const servers = observation['servers'];
    if (Array.isArray(servers)) renamed['servers'] = servers.map((s) => renameNode(s, perm));
    return { ...observation, ...renamed };
  },
};

/** A peer name (`p3`) or request id (`p3.2`): the peer number and the rest. */
const NAMED = /^p(\d+)(\..*)?$/;

/**
 * `name` (or a request id that starts with it) renamed, when it is the name of node `node`: the
 * peer numbers and the node indices differ by the same offset (the index servers come first).
 */
function renameAt(name: string, node: number, perm: readonly number[]): string {
  const m = NAMED.exec(name);
  const image = perm[node];
  if (m === null || image === undefined) return name;
  return `p${Number(m[1]) + image - node}${m[2] ?? ''}`;
}

/** `name` (a peer's name or a request id) renamed, its node found by the configuration. */
function renameInferred(name: string, perm: readonly number[], config: Config): string {
  const first = config.nodes.findIndex((node) => node.role === 'peer');
  const m = NAMED.exec(name);
  if (first < 0 || m === null) return name;
  return renameAt(name, first + Number(m[1]), perm);
}

/** A file's contents (`a.mp3 from p0`, see `contents`) with its peer's name renamed. */
function renameData(data: string, rename: (name: string) => string): string {
  const at = data.lastIndexOf(' from ');
  if (at < 0) return data;
  return `${data.slice(0, at)} from ${rename(data.slice(at + ' from '.length))}`;
}

/** Compares two hits in the index's order: peer, then file. */
function byPeerThenFile(a: JsonObject, b: JsonObject): number {
  const [pa, pb] = [Number(a['peer']), Number(b['peer'])];
  const [fa, fb] = [String(a['file']), String(b['file'])];
  return pa - pb || (fa < fb ? -1 : fa > fb ? 1 : 0);
}

/** Search hits renamed and sorted again, as the index lists them: peer, then file. */
function renameHits(hits: readonly Json[], perm: readonly number[]): Json[] {
  if (!hits.every(isJsonObject)) return hits.slice();
  return hits
    .map((h) => ({ ...h, peer: renameNode(h['peer'] ?? null, perm) }))
    .sort(byPeerThenFile);
}

/** An index store (`peer/file` keys) renamed, its keys in peer then file order. */
function renameStore(store: Json, perm: readonly number[]): Json {
  if (!isJsonObject(store)) return store;
  const rows = Object.entries(store).map(([key, value]) => {
    const slash = key.indexOf('/');
    const peer = Number(key.slice(0, slash));
    return { peer: perm[peer] ?? peer, file: key.slice(slash + 1), value };
  });
  rows.sort(byPeerThenFile);
  return Object.fromEntries(rows.map((r) => [`${r.peer}/${r.file}`, r.value]));
}

/** A log entry (`client` named, `at` its node) renamed. */
function renameEntry(entry: Json, perm: readonly number[]): Json {
  if (!isJsonObject(entry) || typeof entry['at'] !== 'number') return entry;
  const at = entry['at'];
  const client = entry['client'];
  return {
    ...entry,
    client: typeof client === 'string' ? renameAt(client, at, perm) : (client ?? null),
    at: perm[at] ?? at,
  };
}

/** A list of log entries renamed, in its order (the order they were requested or logged). */
function renameEntries(entries: Json, perm: readonly number[]): Json {
  return Array.isArray(entries) ? entries.map((e) => renameEntry(e, perm)) : entries;
}

/** A peer's context renamed: itself, its download's source and its latest search's hits. */
function renamePeer(c: JsonObject, perm: readonly number[]): Json {
  const self = c['self'];
  if (typeof self !== 'number') return c;
  const renamed: { [field: string]: Json } = {
    ...c,
    self: perm[self] ?? self,
    name: renameAt(String(c['name']), self, perm),
    source: renameNode(c['source'] ?? null, perm),
  };
  const hits = c['hits'];
  if (Array.isArray(hits)) renamed['hits'] = renameHits(hits, perm);
  return renamed;
}

/**
 * An index server's context renamed: the central index's store, or a replica's store, log,
 * queued requests, duplicate table (keyed by client name) and view-change report. Index servers
 * themselves stay fixed (`self`, `members`, `acked`, `votes` name only them).
 */
function renameServer(c: JsonObject, perm: readonly number[]): Json {
  const renamed: { [field: string]: Json } = { ...c };
  if ('store' in c) renamed['store'] = renameStore(c['store'] ?? null, perm);
  for (const field of ['log', 'requests']) {
    if (field in c) renamed[field] = renameEntries(c[field] ?? null, perm);
  }
  const best = c['best'];
  if (isJsonObject(best))
    renamed['best'] = { ...best, log: renameEntries(best['log'] ?? null, perm) };
  const table = c['table'];
  const n = c['n'];
  if (isJsonObject(table) && typeof n === 'number') {
    // Client names by their node: the index servers are nodes 0..n-1, peer pk is node n + k.
    const rows = Object.entries(table).map(([client, done]): [string, Json] => {
      const m = NAMED.exec(client);
      const name = m === null ? client : renameAt(client, n + Number(m[1]), perm);
      // A search's row keeps its answer: the hits.
      const value = isJsonObject(done) ? done['value'] : undefined;
      if (!Array.isArray(value)) return [name, done];
      return [name, { ...(done as JsonObject), value: renameHits(value, perm) }];
    });
    rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    renamed['table'] = Object.fromEntries(rows);
  }
  return renamed;
}
