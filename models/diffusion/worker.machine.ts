/**
 * A worker server of the performance group: it computes the request or request part it is handed
 * and answers the client directly (a whole request: "Consolidation is trivial servers send result
 * directly to client") and the diffuser (so that it stops waiting for the part), or returns the
 * part's result to the consolidator. Stateless: a duplicated `Work` is computed again, and the
 * diffuser and the client discard the second answer.
 *
 * Source: the seed's "High Performance Service Architecture". Slowness is the kernel's early timer
 * at the diffuser (the worker's answer is still in flight when the diffuser presumes it dead);
 * crashes are the kernel's (a crashed worker's `Work` in flight is lost).
 */
import { setup } from 'xstate';
import { roleKit, type Outgoing } from '../kernel/step.ts';
import { compute } from './computation.ts';
import type { Answer, Done, Work } from './messages.ts';

const kit = roleKit<{
  context: Record<string, never>;
  events: Work;
  sends: Outgoing<Answer | Done>;
}>();

/** What a worker does with a `Work`: computes it and answers (the simulator runs it too). */
export function serve(work: Work, out: { send(to: number, msg: Outgoing<Answer | Done>): void }) {
  const result = work.base + compute(work.slice);
  if (work.direct) out.send(work.client, { type: 'Answer', req: work.req, result });
  out.send(work.from, {
    type: 'Done',
    req: work.req,
    part: work.part,
    parts: work.parts,
    result,
    direct: work.direct,
  });
}

/** The worker machine: always `serving`. */
export const worker = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    serve: kit.on('Work', ({ event, out }) => serve(event, out)),
  },
}).createMachine({
  id: 'worker',
  context: {},
  initial: 'serving',
  states: { serving: { on: { Work: { actions: 'serve' } } } },
});
