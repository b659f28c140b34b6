/**
 * A member of a Narada overlay: an end host that joins through the bootstrap node, keeps overlay
 * links (a mesh) to a few other members, runs a distance-vector routing protocol with whole paths
 * over the mesh, and forwards each data packet of the source along the source's reverse
 * shortest-path tree: it takes a packet only from its next hop towards the source (reverse-path
 * forwarding over the mesh) and passes it to the neighbours whose next hop towards the source is
 * itself.
 *
 * Phases (machine states): `dormant` (not in the group yet), `joining` (asked the bootstrap node
 * for members), `linking` (asked members for links, none accepted yet), `member`, and the final
 * `left` (a graceful leave: it told its neighbours and the bootstrap node) and `crashed` (silent).
 *
 * Membership and routing: every change of its membership knowledge, links or routing table is sent
 * to every neighbour (Narada's refresh, carrying membership and the routing table); a member takes
 * a neighbour's route only if the route's path avoids itself and every departed member. When time
 * passes (the kernel fires timers only when nothing else can happen) a member probes its
 * neighbours once (the periodic refresh: every crash happens before it, see notes.md); a probed or
 * asked member that has not answered when time passes again is dead. A member with no route to a
 * member it knows to be live asks that member for a link (Narada's partition repair, probing a
 * member it cannot reach), the cheapest first.
 *
 * Source: Chu, Rao, Zhang, "A Case for End System Multicast", SIGMETRICS 2000 (sections 2-3:
 * group management, mesh performance, data delivery); the seed's multicast overlays. Simplified:
 * no mesh improvement (links are never added or dropped for utility), membership knowledge is a
 * set with tombstones instead of per-member refresh sequence numbers, refreshes are triggered by
 * changes instead of periodic, one source.
 */
import { setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
import {
  absorb,
  body,
  commit,
  emit,
  forwardData,
  hear,
  treeOf,
  type MemberContext,
  type MemberGuard,
  type MemberSend,
} from './member.logic.ts';
import type {
  CrashInput,
  Data,
  EmitTimer,
  JoinInput,
  LeaveInput,
  LinkAccept,
  LinkRequest,
  Leave,
  MemberInput,
  MulticastInput,
  Probe,
  ProbeAck,
  Refresh,
  RefreshTimer,
  RepairTimer,
  SuspectTimer,
  Welcome,
} from './messages.ts';
import { computeRoutes, isSimple, minus, routeTo, union } from './routing.ts';

export type { MemberContext } from './member.logic.ts';

const kit = roleKit<{
  context: MemberContext;
  events:
    | JoinInput
    | LeaveInput
    | CrashInput
    | MulticastInput
    | Welcome
    | LinkRequest
    | LinkAccept
    | Refresh
    | Leave
    | Probe
    | ProbeAck
    | Data
    | RefreshTimer
    | SuspectTimer
    | RepairTimer
    | EmitTimer;
  sends: MemberSend;
  guards: MemberGuard;
  input: MemberInput;
}>();

/** The member's context from its input: a joiner knows only itself. */
function initialContext(input: MemberInput): MemberContext {
  const start = input.initial;
  const base = {
    self: input.self,
    boot: input.boot,
    source: input.source,
    cost: input.cost,
    degree: input.degree,
    cap: input.cap,
    packets: input.packets,
    members: start?.members ?? [input.self],
    departed: [],
    neighbours: start?.neighbours ?? [],
    heard: start?.heard ?? [],
    routes: [],
    probes: [],
    requests: [],
    refreshed: false,
    sent: 0,
    ticks: 0,
    delivered: [],
    tree: null,
  };
  return { ...base, routes: computeRoutes(base, isSimple) };
}

/** The member machine. */
export const member = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    announce: kit.step(({ context, out }) => {
      out.observe('joined');
      for (const peer of context.neighbours) out.observe('link', { peer, why: 'initial' });
      const tree = treeOf(context);
      out.observe('tree', {
        src: context.source,
        parent: tree.parent,
        path: [...tree.path],
        kids: [...tree.kids],
      });
      return { tree };
    }),
    askBootstrap: kit.on('join', ({ context, out }) => {
      out.observe('joining');
      out.send(context.boot, { type: 'Hello' });
    }),
    askForLinks: kit.on('Welcome', ({ context, event, out }) => {
      const picks = [...event.members]
        .sort((a, b) => context.cost[a]! - context.cost[b]! || a - b)
        .slice(0, context.degree);
      out.send(picks, { type: 'LinkRequest' });
      return {
        members: union(context.members, event.members),
        requests: picks.map((peer) => ({ peer, why: 'join' as const })),
      };
    }),
    acceptLink: kit.on('LinkRequest', ({ context, event, out }) => {
      const peer = event.from;
      if (context.departed.includes(peer)) return;
      // Both ends of a repair may ask at once: each then takes the other's request first.
      const why = context.requests.find((r) => r.peer === peer)?.why ?? 'accept';
      if (!context.neighbours.includes(peer)) out.observe('link', { peer, why });
      const after = {
        ...context,
        members: union(context.members, [peer]),
        neighbours: union(context.neighbours, [peer]),
      };
      const next = commit(context, after, out, [], [peer]);
      out.send(peer, { type: 'LinkAccept', ...body(next) });
      return next;
    }),
    takeLink: kit.on('LinkAccept', ({ context, event, out }) => {
      const peer = event.from;
      const asked = context.requests.find((r) => r.peer === peer);
      const requests = context.requests.filter((r) => r.peer !== peer);
      if (context.departed.includes(peer)) return { requests };
      if (!context.neighbours.includes(peer))
        out.observe('link', { peer, why: asked?.why ?? 'accept' });
      const linked = { ...context, requests, neighbours: union(context.neighbours, [peer]) };
      const after = absorb(hear(linked, peer, event.routes), event.members, event.departed);
      return commit(context, after, out, [peer]);
    }),
    observeJoined: kit.step(({ out }) => {
      out.observe('joined');
    }),
    takeRefresh: kit.on('Refresh', ({ context, event, out }) => {
      if (!context.neighbours.includes(event.from)) return;
      const after = absorb(hear(context, event.from, event.routes), event.members, event.departed);
      return commit(context, after, out);
    }),
    takeLeave: kit.on('Leave', ({ context, event, out }) =>
      commit(context, absorb(context, [], [event.from]), out),
    ),
    answerProbe: kit.on('Probe', ({ event, out }) => {
      out.send(event.from, { type: 'ProbeAck' });
    }),
    // The answer to this unit of time's probe (asking `probesOnAnswer`, so a variant can instead
    // probe again at once: a heartbeat paced by the answers rather than by time).
    takeProbeAck: kit.on('ProbeAck', ({ context, event, out }) => {
      if (out.check('probesOnAnswer', { peer: event.from })) {
        out.send(event.from, { type: 'Probe' });
        return;
      }
      return { probes: context.probes.filter((p) => p !== event.from) };
    }),
    takeData: kit.on('Data', ({ context, event, out }) => {
      const parent = routeTo(context.routes, event.src)?.path[1] ?? -1;
      if (!out.check('fromParent', { from: event.from, parent })) return;
      if (out.check('isDuplicate', { seq: event.seq, delivered: [...context.delivered] })) return;
      out.observe('deliver', { src: event.src, seq: event.seq });
      forwardData(context, event.seq, event.from, out);
      return { delivered: union(context.delivered, [event.seq]) };
    }),
    sayGoodbye: kit.on('leave', ({ context, out }) => {
      out.observe('left');
      out.send([...context.neighbours, context.boot], { type: 'Leave' });
    }),
    stop: kit.on('crash', ({ out }) => {
      out.observe('crashed');
    }),
    multicast: kit.on('multicast', ({ context, out }) => emit(context, out)),
    emitPacket: kit.on('emit', ({ context, out }) => ({
      ...emit(context, out),
      ticks: context.ticks + 1,
    })),
    probeNeighbours: kit.on('refresh', ({ context, out }) => {
      out.send(context.neighbours, { type: 'Probe' });
      return { probes: [...context.neighbours], refreshed: true };
    }),
    declareDead: kit.on('suspect', ({ context, out }) => {
      const dead = union(
        context.probes,
        context.requests.map((r) => r.peer),
      );
      for (const peer of dead) out.observe('dead', { peer });
      const after = absorb({ ...context, probes: [], requests: [] }, [], dead);
      return commit(context, after, out);
    }),
    askRepair: kit.on('repair', ({ context, out }) => {
      const why = context.neighbours.length === 0 ? 'join' : 'repair';
      const candidates = minus(context.members, [context.self, ...context.neighbours]).sort(
        (a, b) => context.cost[a]! - context.cost[b]! || a - b,
      );
      const peer = candidates.find((p) =>
        out.check('isRepairTarget', { reachable: routeTo(context.routes, p) !== undefined }),
      );
      if (peer === undefined) return;
      out.send(peer, { type: 'LinkRequest' });
      return { requests: [{ peer, why }] };
    }),
  },
  guards: {
    isInitialMember: ({ context }) =>
      context.neighbours.length > 0 || context.self === context.source,
    // Narada's path vector: no route through itself or through a departed member.
    pathUsable: (_, p: { path: number[]; departed: number[]; cap: number }) =>
      new Set(p.path).size === p.path.length &&
      !p.path.some((m) => p.departed.includes(m)) &&
      p.path.length <= p.cap,
    // Reverse-path forwarding over the mesh: a packet is taken only from the next hop to its source.
    fromParent: (_, p: { from: number; parent: number }) => p.from === p.parent,
    // Down the tree: to each neighbour whose next hop to the source is this member, never back.
    forwardsTo: (_, p: { peer: number; from: number; child: boolean }) =>
      p.child && p.peer !== p.from,
    // Partition repair: link to a member it has no route to (one on the other side).
    isRepairTarget: (_, p: { reachable: boolean }) => !p.reachable,
    isDuplicate: (_, p: { seq: number; delivered: number[] }) => p.delivered.includes(p.seq),
    // One probe per neighbour per unit of time: an answer ends it, the next comes when time passes.
    probesOnAnswer: (_, _p: { peer: number }) => false,
    // A member cut off from some live member repairs, if no member it reaches has a lower index
    // (one member per cut-off part asks; Narada spreads the asking with a probability instead).
    needsRepair: ({ context }) =>
      context.requests.length === 0 &&
      context.routes.every((r) => r.dest >= context.self) &&
      context.members.some((d) => d !== context.self && routeTo(context.routes, d) === undefined),
    waiting: ({ context }) => context.probes.length > 0 || context.requests.length > 0,
    notRefreshed: ({ context }) => !context.refreshed,
    hasPacketsLeft: ({ context }) =>
      context.self === context.source && context.ticks < context.packets,
    isSource: ({ context }) => context.self === context.source,
  },
}).createMachine({
  id: 'member',
  context: ({ input }) => initialContext(input),
  initial: 'start',
  states: {
    start: {
      always: [
        { guard: 'isInitialMember', target: 'member', actions: 'announce' },
        { target: 'dormant' },
      ],
    },
    dormant: {
      on: {
        join: { target: 'joining', actions: 'askBootstrap' },
        leave: { target: 'left', actions: 'sayGoodbye' },
        crash: { target: 'crashed', actions: 'stop' },
      },
    },
    joining: {
      on: {
        Welcome: { target: 'linking', actions: 'askForLinks' },
        leave: { target: 'left', actions: 'sayGoodbye' },
        crash: { target: 'crashed', actions: 'stop' },
      },
    },
    linking: {
      on: {
        LinkAccept: { target: 'member', actions: ['observeJoined', 'takeLink'] },
        LinkRequest: { target: 'member', actions: ['observeJoined', 'acceptLink'] },
        Refresh: { actions: 'takeRefresh' },
        Leave: { actions: 'takeLeave' },
        leave: { target: 'left', actions: 'sayGoodbye' },
        crash: { target: 'crashed', actions: 'stop' },
        repair: { guard: 'needsRepair', actions: 'askRepair' },
        suspect: { guard: 'waiting', actions: 'declareDead' },
      },
    },
    member: {
      on: {
        LinkRequest: { actions: 'acceptLink' },
        LinkAccept: { actions: 'takeLink' },
        Refresh: { actions: 'takeRefresh' },
        Leave: { actions: 'takeLeave' },
        Probe: { actions: 'answerProbe' },
        ProbeAck: { actions: 'takeProbeAck' },
        Data: { actions: 'takeData' },
        leave: { target: 'left', actions: 'sayGoodbye' },
        crash: { target: 'crashed', actions: 'stop' },
        multicast: { guard: 'isSource', actions: 'multicast' },
        refresh: { guard: 'notRefreshed', actions: 'probeNeighbours' },
        repair: { guard: 'needsRepair', actions: 'askRepair' },
        suspect: { guard: 'waiting', actions: 'declareDead' },
        emit: { guard: 'hasPacketsLeft', actions: 'emitPacket' },
      },
    },
    left: { type: 'final' },
    crashed: { type: 'final' },
  },
});
