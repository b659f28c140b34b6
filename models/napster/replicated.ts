/**
 * The replicated index: Napster's index run by the primary-backup group of
 * models/primary-backup (its server machine, replication, duplicate table and view change,
 * imported as they are), with the index as the replicated state machine (`applyIndex`). Peers
 * speak to it as primary-backup clients do: a request to the believed master, a retry to every
 * server on a timeout. Searches go through the log like logins and logouts, so a search is a
 * linearizable read, and a fail-over loses no acknowledged login or logout.
 *
 * Also the mutant that reads from a stale replica: a backup that receives a retried search (the
 * peer's master went silent) answers it at once from its own copy of the index, which lags the
 * master's by the commits still in flight.
 */
import { roleKit } from '../kernel/step.ts';
import type { ServerInput } from '../primary-backup/messages.ts';
import {
  record,
  type ServerContext,
  type ServerGuard,
  type ServerMessage,
} from '../primary-backup/replica.ts';
import { replicaServer, type ServerEvent } from '../primary-backup/server.machine.ts';
import { applyIndex, lookup } from './index-state.ts';

/** The primary-backup server machine replicating the Napster index. */
export const replicatedIndex = replicaServer(applyIndex);

const kit = roleKit<{
  context: ServerContext;
  events: ServerEvent;
  sends: ServerMessage;
  guards: ServerGuard;
  input: ServerInput;
}>();

/**
 * Mutant step for a backup (or a server between views) given a request: a search is answered
 * from this replica's own index, without the master; anything else is recorded as usual.
 */
const answerFromReplica = kit.on('Request', ({ context, event, out }) => {
  if (event.f !== 'search') return record(context, event, false);
  const value = lookup(context.store, event.key);
  out.send(event.from, { type: 'Reply', r: event.r, value, view: context.view });
  return context;
});

/** The stale-replica mutant: backups answer retried searches from their own copy. */
export const staleReplicaIndex = replicatedIndex.provide({
  actions: { recordRequest: answerFromReplica },
});
