/**
 * Napster's central index server: peers log in with the list of files they share, log out, and
 * search it; it answers each request at once from its table of who shares what. File data never
 * reaches it: transfers go peer to peer.
 *
 * Phases (machine states): `serving` (index server 0, the index), or `spare` (any other index
 * server of the configuration: the replicated variant's backups, idle here, since Napster ran one
 * index and nothing fails over to the spares).
 *
 * Source: the seed's Napster ("centralized approach to coordination and query processing; point
 * to point (peer to peer) data transfer; single point of failure/attack"); Saroiu, Gummadi,
 * Gribble, "A measurement study of peer-to-peer file sharing systems" (MMCN 2002), section 2:
 * peers connect to the central server, upload the list of files they share, queries go to the
 * server, which answers with the peers holding matches; the download is a direct connection.
 */
import { setup } from 'xstate';
import type { Store } from '../primary-backup/replica.ts';
import { roleKit, type Outgoing } from '../kernel/step.ts';
import { applyIndex } from './index-state.ts';
import type { IndexInput, Reply, Request } from './messages.ts';

/** The central index's state. */
export interface IndexContext {
  /** This server's index. */
  readonly self: number;
  /** Who shares what (see index-state.ts). */
  readonly store: Store;
}

const kit = roleKit<{
  context: IndexContext;
  events: Request;
  sends: Outgoing<Reply>;
  guards: 'dropsEntries';
  input: IndexInput;
}>();

/** The central index machine. */
export const centralIndex = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    // Executes the request on the index and answers the peer (view 0: there is no other view).
    execute: kit.on('Request', ({ context, event, out }) => {
      const entry = {
        client: event.client,
        r: event.r,
        f: event.f,
        key: event.key,
        at: event.from,
      };
      const forget = event.f === 'logout' && !out.check('dropsEntries', { peer: event.from });
      const { store, value } = forget
        ? { store: context.store, value: 0 }
        : applyIndex(context.store, entry);
      out.send(event.from, { type: 'Reply', r: event.r, value, view: 0 });
      return { store };
    }),
  },
  guards: {
    // A logout removes the peer's entries (a mutant forgets to).
    dropsEntries: (_, _p: { peer: number }) => true,
    isIndex: ({ context }) => context.self === 0,
  },
}).createMachine({
  id: 'napster-index',
  context: ({ input }) => ({ self: input.self, store: {} }),
  initial: 'start',
  states: {
    start: { always: [{ guard: 'isIndex', target: 'serving' }, { target: 'spare' }] },
    serving: { on: { Request: { actions: 'execute' } } },
    spare: {},
  },
});
