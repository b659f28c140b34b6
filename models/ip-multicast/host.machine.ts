/**
 * A host: it learns the group from the session directory, joins and leaves it with IGMP-like
 * reports to its router, delivers the group's packets while it is a member (its IP stack discards
 * the others), and, on the source's subnet, sends packets with a chosen TTL.
 *
 * Phases (machine states): `outside` the group and `member`.
 *
 * Source: the seed's IP multicast (hosts join and leave groups dynamically); IGMP (RFC 1112);
 * session announcements as in SDR/SAP (RFC 2974).
 */
import { setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
import type {
  Announce,
  Data,
  HostInput,
  JoinGroup,
  Leave,
  LeaveGroup,
  Report,
  SendPacket,
  Withdraw,
} from './messages.ts';

/** A host's state. */
export interface HostContext extends HostInput {
  /** The announced group's address (null: none announced, or deleted). */
  readonly group: string | null;
  /** Packets sent so far (the next packet's number). */
  readonly seq: number;
}

const kit = roleKit<{
  context: HostContext;
  events: Announce | Withdraw | JoinGroup | LeaveGroup | SendPacket | Data;
  sends: Omit<Report, 'from'> | Omit<Leave, 'from'> | Omit<Data, 'from'>;
  input: HostInput;
}>();

/** The host machine. */
export const host = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    learn: kit.on('Announce', ({ event }) => ({ group: event.group })),
    forget: kit.on('Withdraw', () => ({ group: null })),
    report: kit.on('joinGroup', ({ context, out }) => {
      const group = context.group ?? '';
      out.observe('joinGroup', { group });
      out.send(context.router, { type: 'Report', group, need: context.need });
    }),
    leave: kit.on(['leaveGroup', 'Withdraw'], ({ context, event, out }) => {
      const group = event.type === 'Withdraw' ? event.group : (context.group ?? '');
      out.observe('leaveGroup', { group });
      out.send(context.router, { type: 'Leave', group });
    }),
    sendPacket: kit.on('sendPacket', ({ context, event, out }) => {
      const pkt = `p${context.seq}`;
      const group = context.group ?? '';
      out.observe('send', { pkt, group, ttl: event.ttl });
      // TTL 0 keeps the packet on the host itself.
      if (event.ttl >= 1) out.send(context.router, { type: 'Data', pkt, group, ttl: event.ttl });
      return { seq: context.seq + 1 };
    }),
    deliver: kit.on('Data', ({ context, event, out }) => {
      out.observe('deliver', { pkt: event.pkt, group: event.group, need: context.need });
    }),
    discard: kit.on('Data', ({ event, out }) => {
      out.observe('discard', { pkt: event.pkt });
    }),
  },
  guards: {
    knowsGroup: ({ context }) => context.group !== null,
    isOurGroup: kit.when('Data', ({ context, event }) => context.group === event.group),
  },
}).createMachine({
  id: 'host',
  context: ({ input }) => ({ ...input, group: null, seq: 0 }),
  initial: 'outside',
  states: {
    outside: {
      on: {
        Announce: { actions: 'learn' },
        Withdraw: { actions: 'forget' },
        joinGroup: { guard: 'knowsGroup', target: 'member', actions: 'report' },
        sendPacket: { guard: 'knowsGroup', actions: 'sendPacket' },
        Data: { actions: 'discard' },
      },
    },
    member: {
      on: {
        Announce: { actions: 'learn' },
        Withdraw: { target: 'outside', actions: ['leave', 'forget'] },
        leaveGroup: { target: 'outside', actions: 'leave' },
        sendPacket: { guard: 'knowsGroup', actions: 'sendPacket' },
        Data: [{ guard: 'isOurGroup', actions: 'deliver' }, { actions: 'discard' }],
      },
    },
  },
});
