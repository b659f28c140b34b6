/**
 * The guards every Gnutella servent machine asks by name (the plain servent's and each
 * enhancement's): the servent logic's decisions on the machine's context, so a mutant swaps one
 * with `provide({ guards })` and an enhancement overrides one by writing its own after these.
 */
import {
  decisions,
  JsonState,
  type ServentContext,
  type ServentGuard,
  type ServentGuardParams,
} from './servent-logic.ts';

/** A decision of the servent logic, asked of the machine's context (any servent's context). */
function onContext<G extends ServentGuard>(guard: G) {
  return ({ context }: { context: ServentContext }, params: ServentGuardParams[G]): boolean =>
    decisions[guard](new JsonState(context), params);
}

/** The plain servent's guards, for `setup({ guards: { ...serventGuards, ... } })`. */
export const serventGuards = {
  isDuplicate: onContext('isDuplicate'),
  decrementsTtl: onContext('decrementsTtl'),
  routesReplyBack: onContext('routesReplyBack'),
  answersPing: onContext('answersPing'),
  floodsTo: onContext('floodsTo'),
  sendsLastHop: onContext('sendsLastHop'),
  isJoining: ({ context }: { context: ServentContext }) => context.known !== null,
};
