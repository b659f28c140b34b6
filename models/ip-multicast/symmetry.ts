import type { Payload } from '../kernel/action.ts';
import { canonicalJson, isJsonObject, type Json } from '../kernel/json.ts';
import type { Config, Symmetry } from '../kernel/protocol.ts';
import { renameNode } from '../kernel/renaming.ts';
import type { Observation } from '../kernel/spec.ts';

/**
 * The observation fields that hold a node index: `arrive {from}`, `forward {to}`,
 * `member {host}` / `nonmember {host}`, `prune {child}` / `graft {child}`.
 */
const OBSERVED_NODES = ['from', 'to', 'host', 'child'] as const;

/**
 * Node symmetry of IP multicast: member hosts on the same router's subnet (so with the same input,
 * router and TTL need) that get the same client inputs (the same joins and leaves) are
 * interchangeable. The source host is not (it sends the packets and is router 0's upstream), nor
 * are routers: a router's neighbours, children and link thresholds come from the graph, it
 * forwards in the order of its links (so swapping two routers would reorder a step's `forward`
 * observations), and swapping two routers would have to move their hosts with them, which a
 * renaming within classes cannot express.
 *
 * Host indices live in a router's `members`, `effective` and `needs` (in the order the reports
 * came in, which is also the order it forwards in and observes `member` in: renamed in place, not
 * re-sorted, since a renamed run reaches them in that order), in the directory's `hosts` (its
 * input, ascending: kept ascending) and in the observations `forward {to}`, `arrive {from}`,
 * `member {host}` and `nonmember {host}`. Messages carry none (a Report's sender is its `from`,
 * which the kernel renames). Router indices (`upstream`, `children`, `links`, `pruned`,
 * `waiting`, a host's `router`, `prune {child}`, `graft {child}`) are renamed too, though no
 * class holds a router, so that every node index goes through `perm`.
 */
export const ipMulticastSymmetry: Symmetry = {
  classes: (config: Config) => {
    // A host some router names as its upstream (the source) stays fixed.
    const upstreams = new Set(
      config.nodes.flatMap((node) =>
        isJsonObject(node.input) && typeof node.input['upstream'] === 'number'
          ? [node.input['upstream']]
          : [],
      ),
    );
    const byKey = new Map<string, number[]>();
    config.nodes.forEach((node, i) => {
      if (node.role !== 'host' || upstreams.has(i)) return;
      const events = config.inputs
        .filter((input) => input.node === i)
        .map((input) => canonicalJson(input.event))
        .sort();
      const key = canonicalJson([node.input, node.out === true, events]);
      const same = byKey.get(key);
      if (same === undefined) byKey.set(key, [i]);
      else same.push(i);
    });
    return [...byKey.values()].filter((c) => c.length > 1 && keepsLinks(config, c));
  },
  renameContext: (context: Json, perm: readonly number[]) => {
    if (!isJsonObject(context)) return context;
    const renamed: { [field: string]: Json } = { ...context };
    const node = (field: string) => {
      const v = context[field];
      if (typeof v === 'number' && v >= 0 && v < perm.length) renamed[field] = perm[v]!;
    };
    const inPlace = (field: string) => {
      const v = context[field];
      if (Array.isArray(v)) renamed[field] = v.map((k) => renameNode(k, perm));
    };
    const sorted = (field: string) => {
      const v = context[field];
      if (Array.isArray(v) && v.every((k) => typeof k === 'number')) {
        renamed[field] = v.map((k) => renameNode(k, perm)).sort((a, b) => Number(a) - Number(b));
      }
    };
    // A router: its reverse-path position (from the graph), its members in report order.
    node('upstream');
    sorted('children');
    const links = context['links'];
    if (Array.isArray(links)) {
      renamed['links'] = links.map((l) => (isJsonObject(l) ? renameField(l, 'peer', perm) : l));
    }
    inPlace('members');
    inPlace('effective');
    const needs = context['needs'];
    if (Array.isArray(needs)) {
      renamed['needs'] = needs.map((n) => (isJsonObject(n) ? renameField(n, 'host', perm) : n));
    }
    inPlace('pruned');
    inPlace('waiting');
    // A host: its router.
    node('router');
    // The directory: the hosts it announces to, ascending (as configured).
    sorted('hosts');
    return renamed;
  },
  renameMessage: (msg: Payload) => msg,
  renameObservation: (observation: Observation, perm: readonly number[]) => {
    let out: Observation = observation;
    for (const field of OBSERVED_NODES) {
      const v = observation[field];
      if (typeof v === 'number' && v >= 0 && v < perm.length && perm[v] !== v) {
        out = { ...out, [field]: perm[v]! };
      }
    }
    return out;
  },
};

/** An object with its node-index field `field` renamed. */
function renameField(
  object: { readonly [field: string]: Json },
  field: string,
  perm: readonly number[],
): Json {
  return { ...object, [field]: renameNode(object[field] ?? null, perm) };
}

/**
 * Whether every renaming within `cls` maps the configuration's declared links (if any) onto
 * themselves: checked on the transpositions of its first node with each other one, which generate
 * every permutation of the class.
 */
function keepsLinks(config: Config, cls: readonly number[]): boolean {
  const links = config.links;
  if (links === undefined) return true;
  const pairs = new Set(links.flatMap((tos, from) => tos.map((to) => `${from}>${to}`)));
  return cls.slice(1).every((other) => {
    const swap = (k: number) => (k === cls[0] ? other : k === other ? cls[0]! : k);
    return links.every((tos, from) => tos.every((to) => pairs.has(`${swap(from)}>${swap(to)}`)));
  });
}
