/**
 * The session directory (SDR-like): it creates the group, announcing its class-D address to every
 * host, and deletes it, withdrawing the announcement (members then leave).
 *
 * Phases (machine states): `idle`, `active`, `deleted`.
 *
 * Source: the seed's IP multicast ("groups created and deleted through a session directory");
 * the session directory and announcement protocol (SDR; SAP, RFC 2974).
 */
import { setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
import type { Announce, Create, Delete, DirectoryInput, Withdraw } from './messages.ts';

const kit = roleKit<{
  context: DirectoryInput;
  events: Create | Delete;
  sends: Omit<Announce, 'from'> | Omit<Withdraw, 'from'>;
  input: DirectoryInput;
}>();

/** The directory machine. */
export const directory = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    announce: kit.on('create', ({ context, out }) => {
      out.observe('create', { group: context.group });
      out.send(context.hosts, { type: 'Announce', group: context.group });
    }),
    withdraw: kit.on('delete', ({ context, out }) => {
      out.observe('delete', { group: context.group });
      out.send(context.hosts, { type: 'Withdraw', group: context.group });
    }),
  },
}).createMachine({
  id: 'directory',
  context: ({ input }) => input,
  initial: 'idle',
  states: {
    idle: { on: { create: { target: 'active', actions: 'announce' } } },
    active: { on: { delete: { target: 'deleted', actions: 'withdraw' } } },
    deleted: {},
  },
});
