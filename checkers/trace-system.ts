/**
 * The system a trace names: its protocol found among the built-in and loaded ones. Apart from
 * `replay.ts` so that replaying a trace (which the engines' minimizer does) does not load every
 * protocol: a parallel search's worker loads only its own.
 */
import type { LocalTable } from '../models/kernel/local-table.ts';
import type { Protocol } from '../models/kernel/protocol.ts';
import { toJsonObject } from '../models/kernel/json.ts';
import { System } from '../models/kernel/system.ts';
import { findProtocol } from '../models/index.ts';
import { TraceError, type Trace } from './trace.ts';

/** The system a trace was recorded on; throws `TraceError` if the trace names something unknown. */
export function traceSystem(trace: Trace, table?: LocalTable, protocol?: Protocol): System {
  const p = protocol ?? findProtocol(trace.protocol);
  if (p === undefined) throw new TraceError(`trace names an unknown protocol: ${trace.protocol}`);
  const variant = p.variants.find((v) => v.name === trace.variant);
  if (variant === undefined)
    throw new TraceError(`protocol ${p.name} has no variant ${trace.variant}`);
  const params = p.paramsSchema.safeParse(trace.config);
  if (!params.success) {
    const issue = params.error.issues[0]!;
    throw new TraceError(
      `trace config is not valid for ${p.name}: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return new System(p, variant, toJsonObject(params.data, 'a trace config'), table);
}
