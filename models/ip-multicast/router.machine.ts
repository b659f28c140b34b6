/**
 * A multicast router running DVMRP for one (source, group) pair: reverse-path forwarding over the
 * router graph, IGMP-like membership of the hosts on its subnet, prunes sent upstream when its
 * branch has no members, grafts (acknowledged hop by hop) when a member appears again, and TTL
 * scoping with a threshold per link; link-local groups (224.0.0.x) are never forwarded.
 *
 * Phases (machine states): `forwarding` (on the delivery tree), `pruned` (it sent a Prune
 * upstream) and `grafting` (it sent a Graft and waits for the GraftAck). A member on its subnet is
 * effective (observed `member`) only once the router is on the tree, so a packet sent after that
 * reaches it unless it is lost.
 *
 * Source: the seed's IP multicast (forwarding built into routers, dynamic joins and leaves change
 * the forwarding, TTL scoping); Deering and Cheriton, "Multicast routing in datagram
 * internetworks and extended LANs" (ACM TOCS 1990); DVMRP (RFC 1075, and the graft acknowledgement
 * of its later drafts); IGMP (RFC 1112). Simplified: one source and one group; static unicast
 * routes (the reverse-path tree is computed from the graph); no prune lifetime.
 */
import { setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
import { isLinkLocal } from './address.ts';
import type { Data, Graft, GraftAck, Leave, Prune, Report, RouterInput } from './messages.ts';

/** A router's state for the (source, group) pair. */
export interface RouterContext extends RouterInput {
  /** Hosts on its subnet that reported membership (and have not left). */
  readonly members: readonly number[];
  /** Those of them observed as effective members (the router was on the tree). */
  readonly effective: readonly number[];
  /** Each member's TTL need (from its report), by host, for the `member` observation. */
  readonly needs: readonly { readonly host: number; readonly need: number }[];
  /** Children that pruned their branch. */
  readonly pruned: readonly number[];
  /** Children whose Graft waits for this router's own GraftAck. */
  readonly waiting: readonly number[];
}

type Sends =
  Omit<Data, 'from'> | Omit<Prune, 'from'> | Omit<Graft, 'from'> | Omit<GraftAck, 'from'>;

const kit = roleKit<{
  context: RouterContext;
  events: Data | Report | Leave | Prune | Graft | GraftAck;
  sends: Sends;
  guards: 'fromUpstream' | 'isChild' | 'withinScope' | 'honoursPrune' | 'floodsGraftAck';
  input: RouterInput;
}>();

/** The router machine. */
export const router = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    forwardData: kit.on('Data', ({ context, event, out }) => {
      out.observe('arrive', { pkt: event.pkt, from: event.from });
      if (!out.check('fromUpstream', { from: event.from })) return; // RPF check failed: drop
      const { pkt, group, ttl } = event;
      // The subnet: every member host but the sender, while the TTL lasts.
      if (ttl >= 1) {
        for (const h of context.members) {
          if (h === event.from) continue;
          out.send(h, { type: 'Data', pkt, group, ttl });
          out.observe('forward', { pkt, to: h });
        }
      }
      if (isLinkLocal(group)) return; // 224.0.0.x stays on its subnet
      const next = ttl - 1;
      for (const { peer, threshold } of context.links) {
        if (peer === event.from || context.pruned.includes(peer)) continue;
        if (!out.check('isChild', { peer })) continue;
        if (!out.check('withinScope', { ttl: next, threshold })) continue;
        out.send(peer, { type: 'Data', pkt, group, ttl: next });
        out.observe('forward', { pkt, to: peer });
      }
    }),
    sendPrune: kit.step(({ context, out }) => {
      out.send(context.upstream, { type: 'Prune' });
    }),
    takePrune: kit.on('Prune', ({ context, event, out }) => {
      out.observe('prune', { child: event.from });
      if (!out.check('honoursPrune') || context.pruned.includes(event.from)) return;
      return { pruned: [...context.pruned, event.from] };
    }),
    unprune: kit.on('Graft', ({ context, event, out }) => {
      out.observe('graft', { child: event.from });
      return { pruned: context.pruned.filter((c) => c !== event.from) };
    }),
    ackGraft: kit.on('Graft', ({ event, out }) => {
      out.send(event.from, { type: 'GraftAck' });
    }),
    holdGraft: kit.on('Graft', ({ context, event }) => ({
      waiting: context.waiting.includes(event.from)
        ? context.waiting
        : [...context.waiting, event.from],
    })),
    sendGraft: kit.step(({ context, out }) => {
      out.send(context.upstream, { type: 'Graft' });
    }),
    addMember: kit.on('Report', ({ context, event }) => ({
      members: context.members.includes(event.from)
        ? context.members
        : [...context.members, event.from],
      needs: [
        ...context.needs.filter((n) => n.host !== event.from),
        { host: event.from, need: event.need },
      ],
    })),
    confirmMembers: kit.step(({ context, out }) => {
      const fresh = context.members.filter((h) => !context.effective.includes(h));
      for (const host of fresh) {
        const need = context.needs.find((n) => n.host === host)?.need ?? 1;
        out.observe('member', { host, need });
      }
      return { effective: [...context.effective, ...fresh] };
    }),
    removeMember: kit.on('Leave', ({ context, event, out }) => {
      if (context.effective.includes(event.from)) out.observe('nonmember', { host: event.from });
      return {
        members: context.members.filter((h) => h !== event.from),
        effective: context.effective.filter((h) => h !== event.from),
      };
    }),
    // Back down to the children whose Graft waited for this router's own GraftAck (or, where
    // `floodsGraftAck` says so, on to every neighbour but the sender: see floodGraftAck).
    releaseWaiting: kit.step(({ context, out }) => {
      if (!out.check('floodsGraftAck')) {
        for (const c of context.waiting) out.send(c, { type: 'GraftAck' });
      }
      return { waiting: [] };
    }),
    floodGraftAck: kit.on('GraftAck', ({ context, event, out }) => {
      if (!out.check('floodsGraftAck')) return;
      const others = context.links.map((l) => l.peer).filter((p) => p !== event.from);
      out.send(others, { type: 'GraftAck' });
    }),
  },
  guards: {
    // Reverse-path forwarding: accept a packet only from the neighbour toward the source.
    fromUpstream: (_, { from }: { from: number }) => _.context.upstream === from,
    // Forward only to neighbours whose reverse path to the source goes through this router.
    isChild: ({ context }, { peer }: { peer: number }) => context.children.includes(peer),
    // Scoping: the decremented TTL must reach the link's threshold.
    withinScope: (_, { ttl, threshold }: { ttl: number; threshold: number }) =>
      ttl >= threshold && ttl > 0,
    // A prune removes the child's branch from forwarding.
    honoursPrune: () => true,
    // A GraftAck goes back hop by hop only to the children that grafted, never on elsewhere.
    floodsGraftAck: () => false,
    // The branch has no members: prune it (on the data that shows it), unless on the source's subnet.
    branchEmpty: kit.when(
      'Data',
      ({ context, event }) =>
        !context.firstHop &&
        event.from === context.upstream &&
        context.members.length === 0 &&
        context.children.every((c) => context.pruned.includes(c)),
    ),
  },
}).createMachine({
  id: 'router',
  context: ({ input }) => ({
    ...input,
    members: [],
    effective: [],
    needs: [],
    pruned: [],
    waiting: [],
  }),
  initial: 'forwarding',
  states: {
    forwarding: {
      on: {
        Data: [
          { guard: 'branchEmpty', target: 'pruned', actions: ['forwardData', 'sendPrune'] },
          { actions: 'forwardData' },
        ],
        Report: { actions: ['addMember', 'confirmMembers'] },
        Leave: { actions: 'removeMember' },
        Prune: { actions: 'takePrune' },
        Graft: { actions: ['unprune', 'ackGraft'] },
        GraftAck: { guard: 'floodsGraftAck', actions: 'floodGraftAck' },
      },
    },
    pruned: {
      on: {
        Data: { actions: 'forwardData' },
        Report: { target: 'grafting', actions: ['addMember', 'sendGraft'] },
        Leave: { actions: 'removeMember' },
        Prune: { actions: 'takePrune' },
        Graft: { target: 'grafting', actions: ['unprune', 'holdGraft', 'sendGraft'] },
        GraftAck: { guard: 'floodsGraftAck', actions: 'floodGraftAck' },
      },
    },
    grafting: {
      on: {
        Data: { actions: 'forwardData' },
        Report: { actions: 'addMember' },
        Leave: { actions: 'removeMember' },
        Prune: { actions: 'takePrune' },
        Graft: { actions: ['unprune', 'holdGraft'] },
        GraftAck: {
          target: 'forwarding',
          actions: ['confirmMembers', 'releaseWaiting', 'floodGraftAck'],
        },
      },
    },
  },
});
