/**
 * Overlay multicast (Narada, "End System Multicast"): end hosts attached at the edge of a small
 * underlay of routers build a mesh of overlay links, run a distance-vector protocol with whole
 * paths over it, and deliver the source's packets along the source's reverse shortest-path tree;
 * a bootstrap node tells joiners whom to link to; members join, leave gracefully and crash, and
 * the mesh repairs itself. The protocol definition (parameters, configurations, variants,
 * properties); the roles are in member.machine.ts and bootstrap.machine.ts.
 *
 * Network: the kernel's reliable FIFO channels (TCP-like overlay links: nothing is lost or
 * reordered while both ends live). Membership changes are client inputs (joins, leaves, crashes),
 * so they all happen before time first passes; when time passes the members probe their
 * neighbours once (Narada's periodic refresh) and the source sends one packet per unit of time.
 */
import * as fc from 'fast-check';
import { z } from 'zod';
import {
  deliveryAfterCrash,
  noBackwardForwarding,
  noDuplicatePacket,
  settledDelivery,
} from '../../properties/overlay-delivery.ts';
import {
  loopFreeRoutes,
  meshConnected,
  repairHappens,
  treeSpansLive,
} from '../../properties/overlay-mesh.ts';
import { defineProtocol, defineRole, type ParamsOf } from '../kernel/define.ts';
import { drawn, listOf, upTo } from '../kernel/params.ts';
import type { Payload } from '../kernel/action.ts';
import type { Config, Variant } from '../kernel/protocol.ts';
import { bootstrap } from './bootstrap.machine.ts';
import { overlayMulticastManifest } from './manifest.ts';
import { member } from './member.machine.ts';
import { convergedGroup } from './routing.ts';
import { UNDERLAY_NAMES, UNDERLAYS, memberCosts } from './underlay.ts';

/** Initial group sizes: `--nodes` and the generator's range. */
export const NODES = {
  min: 2,
  max: 4,
  default: 3,
  param: 'members',
  counts: 'members of the initial group (joiners and the bootstrap node come on top)',
} as const;

/**
 * The range of each parameter: the generator draws from these, the schema accepts up to their
 * largest value or their `limit` (see models/kernel/params.ts).
 */
export const RANGES = {
  members: { min: NODES.min, max: NODES.max, limit: 4 },
  joiners: { min: 0, max: 2, limit: 3 },
  degree: { min: 1, max: 2, limit: 3 },
  packets: { min: 1, max: 3, limit: 6 },
  early: { min: 0, max: 2, limit: 6 },
  leaves: { min: 0, max: 1, limit: 3 },
  crashes: { min: 0, max: 1, limit: 3 },
} as const;

const index = z.number().int().nonnegative();

const paramsSchema = z
  .strictObject({
    underlay: z.enum(UNDERLAY_NAMES, {
      error: (issue) =>
        `unknown underlay ${JSON.stringify(issue.input)}: one of ${UNDERLAY_NAMES.join(', ')}`,
    }),
    members: upTo(RANGES.members, NODES, 1),
    joiners: upTo(RANGES.joiners, NODES),
    degree: upTo(RANGES.degree, NODES, 1),
    packets: upTo(RANGES.packets, NODES),
    early: upTo(RANGES.early, NODES),
    leaves: listOf(index, RANGES.leaves, NODES),
    crashes: listOf(index, RANGES.crashes, NODES),
  })
  .superRefine((p, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', message });
    const total = p.members + p.joiners;
    const edge = UNDERLAYS[p.underlay].edge.length;
    if (total > edge) {
      bad(
        `${total} members (${p.members} + ${p.joiners} joiners) but the ${p.underlay} underlay has ${edge} edge routers to attach them to`,
      );
    }
    const departing = [...p.leaves, ...p.crashes];
    if (departing.some((m) => m >= total)) bad(`every leave and crash needs a member (< ${total})`);
    if (departing.includes(0)) {
      bad('the source (member 0) neither leaves nor crashes: delivery is checked against it');
    }
    if (new Set(departing).size !== departing.length) bad('a member leaves or crashes once');
  });

/** Parameters of an overlay multicast configuration. */
export type OverlayMulticastParams = ParamsOf<typeof paramsSchema>;

/**
 * Turns parameters into a concrete system: members m0… (the initial group, converged, then the
 * joiners, dormant until their `join` input), member i at the underlay's i-th edge router, and
 * the bootstrap node last; reliable FIFO channels.
 */
export function configure(p: OverlayMulticastParams): Config {
  const total = p.members + p.joiners;
  const costs = memberCosts(UNDERLAYS[p.underlay], total);
  const group = convergedGroup(costs, p.members, p.degree);
  const initial = Array.from({ length: p.members }, (_, i) => i);
  const boot = total;
  const members = Array.from({ length: total }, (_, self) => ({
    role: 'member',
    name: `m${self}`,
    input: {
      self,
      boot,
      source: 0,
      cost: costs[self]!,
      degree: p.degree,
      cap: 2 * total,
      packets: self === 0 ? p.packets : 0,
      initial:
        self < p.members
          ? {
              members: initial,
              neighbours: group.neighbours[self]!,
              heard: group.neighbours[self]!.map((peer) => ({
                peer,
                routes: group.routes[peer]!,
              })),
            }
          : null,
    },
  }));
  const inputs: { node: number; event: Payload }[] = [
    ...Array.from({ length: p.joiners }, (_, j) => ({
      node: p.members + j,
      event: { type: 'join' },
    })),
    ...Array.from({ length: p.early }, () => ({ node: 0, event: { type: 'multicast' } })),
    ...p.leaves.map((m) => ({ node: m, event: { type: 'leave' } })),
    ...p.crashes.map((m) => ({ node: m, event: { type: 'crash' } })),
  ];
  return {
    network: 'fifo',
    nodes: [...members, { role: 'bootstrap', name: 'boot', input: { members: initial } }],
    inputs,
    faults: {},
  };
}

/**
 * The member's timers, in the order they fire when time passes: first the deaths of members that
 * did not answer during the last unit of time, then new probes and repairs, then the next packet.
 */
const timers = [{ type: 'suspect' }, { type: 'refresh' }, { type: 'repair' }, { type: 'emit' }];

/**
 * Guarded receives: a member takes a message only in a phase that handles it, so a link request
 * that reaches a joiner before the bootstrap node's answer waits for it (the joiner is already on
 * the bootstrap node's list) instead of being lost; what is sent to a member that left or crashed
 * is never taken.
 */
const memberOptions = { timeouts: timers, guardedReceives: true };

const memberRole = defineRole(member, memberOptions);
const roles = { member: memberRole, bootstrap: defineRole(bootstrap, {}) };

/** The variants: Narada and the mutants its properties must catch. */
export const variants: readonly Variant[] = [
  {
    name: 'narada',
    description:
      'mesh with refreshes, distance vector with paths, reverse shortest-path trees per source, partition repair',
    roles,
  },
  {
    name: 'no-path-check',
    description:
      'routes ignore their path: after a departure a member takes a neighbour’s stale route back through itself (a loop)',
    breaks: 'loop-free-routes',
    roles: {
      ...roles,
      member: defineRole(
        member.provide({
          guards: { pathUsable: (_, p: { path: number[]; cap: number }) => p.path.length <= p.cap },
        }),
        memberOptions,
      ),
    },
  },
  {
    name: 'reattach-to-descendant',
    description:
      'repair links to a member it can still reach (the departed member’s subtree reattaches to itself)',
    breaks: 'mesh-connected',
    roles: {
      ...roles,
      member: defineRole(
        member.provide({
          guards: { isRepairTarget: (_, p: { reachable: boolean }) => p.reachable },
        }),
        memberOptions,
      ),
    },
  },
  {
    name: 'probe-on-answer',
    description:
      'a member probes a neighbour again as soon as it answers (a heartbeat paced by the answers, not by time): the probes never stop, time never passes, and a crash is never detected',
    breaks: 'settled-delivery',
    roles: {
      ...roles,
      member: defineRole(member.provide({ guards: { probesOnAnswer: () => true } }), memberOptions),
    },
  },
  {
    name: 'forward-to-sender',
    description:
      'a member forwards a packet to its children and back to the neighbour it came from',
    breaks: 'no-backward-forwarding',
    roles: {
      ...roles,
      member: defineRole(
        member.provide({
          guards: {
            forwardsTo: (_, p: { peer: number; from: number; child: boolean }) =>
              p.child || p.peer === p.from,
          },
        }),
        memberOptions,
      ),
    },
  },
];

/** Distinct members among 1…total-1 for leaves and crashes. */
const departures = (total: number) =>
  fc
    .shuffledSubarray(
      Array.from({ length: Math.max(0, total - 1) }, (_, i) => i + 1),
      { minLength: 0, maxLength: Math.min(total - 1, 2) },
    )
    .chain((picked) =>
      fc.integer({ min: 0, max: picked.length }).map((k) => ({
        leaves: picked.slice(0, Math.min(k, RANGES.leaves.max)),
        crashes: picked.slice(k).slice(0, RANGES.crashes.max),
      })),
    );

/**
 * The bounded configurations, on the `line` underlay (member i at router ri, so the initial mesh
 * of degree 1 is the line m0 – m1 – …): up to three members, a joiner and a crash of m1, which
 * cuts the line, and three packets, one per unit of time; with four, no joiner but a packet sent
 * while m1 leaves (which cuts the line) and m3 crashes.
 */
export function bounded(n: number): OverlayMulticastParams {
  const line = { underlay: 'line' as const, members: n, packets: 3, crashes: [1] };
  if (n >= 4) return { ...line, joiners: 0, degree: 1, early: 1, leaves: [1], crashes: [3] };
  return { ...line, joiners: 1, degree: 1, early: 0, leaves: [] };
}

/** Overlay multicast with Narada. */
export const overlayMulticastProtocol = defineProtocol({
  name: 'overlay-multicast',
  title:
    'Overlay multicast (Narada): a mesh of end hosts, path-vector routing, per-source trees, repair',
  source:
    'Seed: multicast overlays (end hosts act as routers over TCP; packets go once over each ' +
    'overlay link but may go many times over the same underlying link; self-repairing; new nodes ' +
    'find their place; joins and leaves without disrupting). Chu, Rao, Zhang, "A Case for End ' +
    'System Multicast", SIGMETRICS 2000: the default and only correct variant is Narada’s ' +
    'mesh-first design (a mesh with refreshes carrying membership, distance-vector routing with ' +
    'whole paths, reverse shortest-path trees per source, partition repair by probing). ' +
    'Simplified: one source; no mesh improvement by utility; refreshes on change rather than ' +
    'periodic, with one probe round when time passes; membership changes before time passes.',
  variants,
  properties: [
    meshConnected,
    treeSpansLive,
    loopFreeRoutes,
    noDuplicatePacket,
    noBackwardForwarding,
    settledDelivery,
    repairHappens,
    deliveryAfterCrash,
  ],
  nodes: NODES,
  defaultRuns: 500,
  paramsSchema,
  configure,
  manifest: overlayMulticastManifest,
  bounded,
  scenarios: ({ minNodes, maxNodes }) =>
    fc
      .record({
        underlay: fc.constantFrom(...UNDERLAY_NAMES),
        members: fc.integer({ min: minNodes, max: maxNodes }),
      })
      .chain(({ underlay, members }) => {
        const room = UNDERLAYS[underlay].edge.length - members;
        return fc
          .record({
            joiners: fc.integer({ min: 0, max: Math.max(0, Math.min(room, RANGES.joiners.max)) }),
            degree: drawn(RANGES.degree, members),
            packets: drawn(RANGES.packets, members),
            early: drawn(RANGES.early, members),
          })
          .chain((rest) =>
            departures(members + rest.joiners).map((d) => ({
              underlay,
              members,
              ...rest,
              ...d,
            })),
          );
      }),
});
