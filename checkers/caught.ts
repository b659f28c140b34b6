import type { Protocol } from '../models/kernel/protocol.ts';
import { QUIESCENCE } from './evaluate.ts';

/**
 * Whether a violation catches a mutant that declares it `breaks` a property: the property itself,
 * or, for a liveness property (a `quiescence` property marked `liveness`), a livelock as the random
 * engine reports one: a run that never quiesces and goes round a loop (`quiescence` with `loop`).
 * The exhaustive engine reports the same livelock as the property's own lasso.
 */
export function caughtBreaking(
  protocol: Protocol,
  breaks: string,
  violation: { readonly property: string; readonly loop?: unknown } | null | undefined,
): boolean {
  if (violation === null || violation === undefined) return false;
  if (violation.property === breaks) return true;
  if (violation.property !== QUIESCENCE || violation.loop === undefined) return false;
  const declared = protocol.properties.find((p) => p.name === breaks);
  return declared?.kind === 'quiescence' && declared.liveness === true;
}
