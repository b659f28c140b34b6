/**
 * IP multicast: hosts on the subnets of routers over a small generated router graph, a session
 * directory that creates and deletes a class-D group, hosts that join and leave it with IGMP-like
 * reports, and routers that deliver a source's packets along a per-source tree built by
 * reverse-path forwarding with prune and graft (DVMRP), scoped by TTL thresholds. The protocol
 * definition (parameters, configurations, variants, properties); the roles are in
 * router.machine.ts, host.machine.ts and directory.machine.ts.
 *
 * Network: FIFO links that may lose messages (IP multicast is best effort: nothing is resent).
 */
import * as fc from 'fast-check';
import { z } from 'zod';
import {
  linkOnce,
  lossMissesPacket,
  memberDelivery,
  prunedBranchSilent,
  scopedDelivery,
} from '../../properties/multicast-delivery.ts';
import { defineProtocol, defineRole, type ParamsOf } from '../kernel/define.ts';
import { drawn, lengths, listOf, upTo } from '../kernel/params.ts';
import type { Payload } from '../kernel/action.ts';
import type { Config, Variant } from '../kernel/protocol.ts';
import {
  LINK_THRESHOLDS,
  connected,
  groupProblem,
  needed,
  neighbours,
  parents,
  type Link,
} from './address.ts';
import { directory } from './directory.machine.ts';
import { host } from './host.machine.ts';
import { ipMulticastManifest } from './manifest.ts';
import { router } from './router.machine.ts';
import { ipMulticastSymmetry } from './symmetry.ts';

/** Router counts: `--nodes` and the generator's range. */
export const NODES = {
  min: 3,
  max: 5,
  default: 3,
  param: 'routers',
  counts: 'routers (the source host, member hosts and the session directory come on top)',
} as const;

/**
 * The range of each parameter: the generator draws from these, the schema accepts up to their
 * largest value or their `limit` (see models/kernel/params.ts).
 */
export const RANGES = {
  routers: { min: NODES.min, max: NODES.max, limit: 8 },
  extraLinks: { min: 0, max: 2, limit: 20 },
  members: { min: 1, max: 3, limit: 6 },
  sends: { min: 1, max: 3, limit: 8 },
  joins: { min: 0, max: 3, limit: 10 },
  leaves: { min: 0, max: 2, limit: 10 },
  drops: { min: 0, max: 2, limit: Infinity },
} as const;

/** The TTLs the generator gives packets: host, subnet, just past a site boundary, region, world. */
export const DRAWN_TTLS = [0, 1, 2, 3, 33, 64, 255] as const;

const threshold = z
  .number()
  .int()
  .refine((t) => (LINK_THRESHOLDS as readonly number[]).includes(t), {
    message: `a link's TTL threshold must be one of ${LINK_THRESHOLDS.join(', ')} (subnet, site, region, continent, unrestricted)`,
  });

const paramsSchema = z
  .strictObject({
    routers: upTo(RANGES.routers, NODES, 2),
    links: z.array(
      z.strictObject({
        a: z.number().int().nonnegative(),
        b: z.number().int().nonnegative(),
        threshold,
      }),
    ),
    group: z
      .string({ error: 'a group address is a dotted-quad string such as 239.1.2.3' })
      .superRefine((g, ctx) => {
        const problem = groupProblem(g);
        if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
      }),
    members: listOf(z.number().int().nonnegative(), RANGES.members, NODES).min(
      1,
      'a group needs a member host',
    ),
    sends: listOf(
      z.number().int().min(0, 'a TTL is at least 0').max(255, 'a TTL is at most 255'),
      RANGES.sends,
      NODES,
    ),
    joins: listOf(z.number().int().nonnegative(), RANGES.joins, NODES),
    leaves: listOf(z.number().int().nonnegative(), RANGES.leaves, NODES),
    remove: z.boolean(),
    drops: upTo(RANGES.drops, NODES),
  })
  .superRefine((p, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', message });
    for (const l of p.links) {
      if (l.a >= p.routers || l.b >= p.routers)
        bad(`link ${l.a}–${l.b} names a router past ${p.routers - 1}`);
      else if (l.a === l.b) bad(`link ${l.a}–${l.b} joins a router to itself`);
    }
    if (
      p.links.every((l) => l.a < p.routers && l.b < p.routers) &&
      !connected(p.routers, p.links)
    ) {
      bad('the router graph is not connected');
    }
    if (p.members.some((r) => r >= p.routers)) bad('every member host needs a router');
    if ([...p.joins, ...p.leaves].some((m) => m >= p.members.length)) {
      bad('every join and leave needs a member host');
    }
  });

/** Parameters of an IP multicast configuration. */
export type IpMulticastParams = ParamsOf<typeof paramsSchema>;

/**
 * Turns parameters into a concrete system: routers 0..R-1, the source host on router 0's subnet
 * (node R), the member hosts (R+1…), then the session directory.
 */
export function configure(p: IpMulticastParams): Config {
  const R = p.routers;
  const links: Link[] = p.links.map((l) => ({ ...l }));
  const parent = parents(R, links);
  const source = R;
  const hosts = p.members.map((_, i) => R + 1 + i);
  const dir = R + 1 + p.members.length;
  const routers = Array.from({ length: R }, (_, r) => ({
    role: 'router',
    name: `r${r}`,
    input: {
      links: neighbours(r, links),
      upstream: r === 0 ? source : parent[r]!,
      firstHop: r === 0,
      children: parent.flatMap((q, c) => (q === r && c !== 0 ? [c] : [])),
    },
  }));
  const inputs: { node: number; event: Payload }[] = [
    { node: dir, event: { type: 'create' } },
    ...p.sends.map((ttl) => ({ node: source, event: { type: 'sendPacket', ttl } })),
    ...p.joins.map((m) => ({ node: hosts[m]!, event: { type: 'joinGroup' } })),
    ...p.leaves.map((m) => ({ node: hosts[m]!, event: { type: 'leaveGroup' } })),
    ...(p.remove ? [{ node: dir, event: { type: 'delete' } }] : []),
  ];
  return {
    network: 'fifo',
    nodes: [
      ...routers,
      { role: 'host', name: 'src', input: { router: 0, need: 1 } },
      ...p.members.map((r, i) => ({
        role: 'host',
        name: `h${i}`,
        input: { router: r, need: needed(r, R, links) },
      })),
      { role: 'directory', name: 'sdr', input: { group: p.group, hosts: [source, ...hosts] } },
    ],
    inputs,
    faults: { drop: p.drops },
  };
}

const routerRole = defineRole(router, {});
const hostRole = defineRole(host, {});
const directoryRole = defineRole(directory, {});
const roles = { router: routerRole, host: hostRole, directory: directoryRole };

/** The variants: DVMRP and the mutants its properties must catch. */
export const variants: readonly Variant[] = [
  {
    name: 'dvmrp',
    description:
      'reverse-path forwarding to children, prune on an empty branch, acknowledged graft, TTL thresholds',
    roles,
  },
  {
    name: 'no-rpf-check',
    description:
      'packets are accepted from any neighbour and flooded to every other one: loops and duplicates',
    breaks: 'link-once',
    roles: {
      ...roles,
      router: defineRole(
        router.provide({ guards: { fromUpstream: () => true, isChild: () => true } }),
        {},
      ),
    },
  },
  {
    name: 'ignored-prune',
    description: 'a router takes note of a prune but keeps forwarding down the pruned branch',
    breaks: 'pruned-branch-silent',
    roles: {
      ...roles,
      router: defineRole(router.provide({ guards: { honoursPrune: () => false } }), {}),
    },
  },
  {
    name: 'ttl-not-compared',
    description: 'the TTL is decremented but not compared with the link’s scope threshold',
    breaks: 'scoped-delivery',
    roles: {
      ...roles,
      router: defineRole(
        router.provide({ guards: { withinScope: (_, { ttl }: { ttl: number }) => ttl > 0 } }),
        {},
      ),
    },
  },
  {
    name: 'flooded-graft-ack',
    description:
      'a router passes a GraftAck on to every neighbour but the sender (as it would flood data) instead of only to the children that grafted: on a ring it circles forever, and a grafting router takes it for its own before its upstream forwards again',
    breaks: 'member-delivery',
    roles: {
      ...roles,
      router: defineRole(router.provide({ guards: { floodsGraftAck: () => true } }), {}),
    },
    bounded: (n) => ({ ...boundedRing(n), sends: [40, 40], drops: 0 }),
  },
];

/** A ring of `n` routers whose link 0–(n−1) is a site boundary (threshold 32). */
export function ring(n: number): { a: number; b: number; threshold: number }[] {
  return Array.from({ length: n }, (_, i) => ({
    a: Math.min(i, (i + 1) % n),
    b: Math.max(i, (i + 1) % n),
    threshold: i === n - 1 ? 32 : 1,
  }));
}

/**
 * The bounded configuration at `n` routers: a ring whose link 0–(n−1) is a site boundary
 * (threshold 32); a member on router 1 and one on router n−1; both join; the source sends a packet
 * with TTL 3 (router n−1 is out of its scope) and one with TTL 40; one message may be lost.
 */
export function boundedRing(n: number): IpMulticastParams {
  return {
    routers: n,
    links: ring(n),
    group: '239.1.2.3',
    members: [1, n - 1],
    sends: [3, 40],
    joins: [0, 1],
    leaves: [],
    remove: false,
    drops: 1,
  };
}

/** A random connected router graph: a random spanning tree plus a few extra links. */
const graph = (n: number) =>
  fc
    .record({
      tree: fc.tuple(...Array.from({ length: n - 1 }, (_, i) => fc.nat(i))),
      extra: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), lengths(RANGES.extraLinks, n)),
      thresholds: fc.array(fc.constantFrom(1, 1, 1, 32, 64), {
        minLength: n + 4,
        maxLength: n + 4,
      }),
    })
    .map(({ tree, extra, thresholds }) => {
      const pairs: [number, number][] = tree.map((p, i) => [p, i + 1]);
      for (const [a, b] of extra) {
        const [x, y] = a < b ? [a, b] : [b, a];
        if (x !== y && !pairs.some(([u, v]) => u === x && v === y)) pairs.push([x, y]);
      }
      return pairs.map(([a, b], i) => ({ a, b, threshold: thresholds[i % thresholds.length]! }));
    });

/** IP multicast with DVMRP. */
export const ipMulticastProtocol = defineProtocol({
  name: 'ip-multicast',
  title:
    'IP multicast: class-D groups, IGMP membership, DVMRP reverse-path forwarding, TTL scoping',
  source:
    'Seed: IP multicast (class-D group addresses, forwarding built into routers, dynamic joins and ' +
    'leaves, a session directory, TTL scoping; "reliability? congestion control?"). Deering and ' +
    'Cheriton (ACM TOCS 1990); DVMRP (RFC 1075) with acknowledged grafts; IGMP (RFC 1112). ' +
    'The per-source tree (DVMRP) is the only variant; shared trees (CBT, PIM-SM) are not modelled. ' +
    'One source on router 0’s subnet and one group; static unicast routes; no prune lifetime; ' +
    'FIFO links with loss and no retransmission.',
  variants,
  properties: [linkOnce, scopedDelivery, prunedBranchSilent, memberDelivery, lossMissesPacket],
  nodes: NODES,
  // The livelock of flooded-graft-ack needs a graft (a join after its router pruned) on a router
  // graph with a cycle: about one generated scenario in 600 has both (seeds 1-10 catch it within
  // 1,334 scenarios), so the budget is 2,000.
  defaultRuns: 2000,
  paramsSchema,
  configure,
  manifest: ipMulticastManifest,
  bounded: boundedRing,
  // Member hosts on one router with the same joins and leaves are interchangeable (symmetry.ts).
  symmetry: ipMulticastSymmetry,
  scenarios: ({ minNodes, maxNodes }) =>
    fc
      .record({
        routers: fc.integer({ min: minNodes, max: maxNodes }),
        members: drawn(RANGES.members, minNodes),
      })
      .chain(({ routers, members }) =>
        fc.record({
          routers: fc.constant(routers),
          links: graph(routers),
          group: fc.constantFrom('239.1.2.3', '224.2.0.1', '224.0.0.9'),
          members: fc.array(fc.nat(routers - 1), { minLength: members, maxLength: members }),
          sends: fc.array(fc.constantFrom(...DRAWN_TTLS), lengths(RANGES.sends, routers)),
          joins: fc.array(fc.nat(members - 1), lengths(RANGES.joins, routers)),
          leaves: fc.array(fc.nat(members - 1), lengths(RANGES.leaves, routers)),
          remove: fc.boolean(),
          drops: drawn(RANGES.drops, routers),
        }),
      ),
});
