import type { CheckedProperty, History, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks that every answer equals the sequential result: an `answer {req, result}` to a request
 * made as `invoke {req, input, key}` is `compute(input)` for a pure request (`key` null), and ends
 * with `compute(input)` for one that updates data item `key` (its result is the item's value after
 * it; serial-data checks what comes before). Choose `compute` so that a wrong combination shows (an
 * ordered concatenation: a part missing, repeated or out of order changes it). Reports the first
 * wrong answer; answers to requests never made are left to exactly-once-answer.
 */
export function checkConsolidatedResult(
  history: History,
  compute: (input: string) => string,
): Verdict {
  const made = new Map<string, { input: string; keyed: boolean }>();
  for (const o of history) {
    const { req, input, result } = o;
    if (typeof req !== 'string') continue;
    if (o.kind === 'invoke' && typeof input === 'string') {
      made.set(req, { input, keyed: typeof o['key'] === 'string' });
    }
    const call = made.get(req);
    if (o.kind !== 'answer' || typeof result !== 'string' || call === undefined) continue;
    const expected = compute(call.input);
    if (call.keyed ? result.endsWith(expected) : result === expected) continue;
    const want = call.keyed ? `a value ending with "${expected}"` : `"${expected}"`;
    return {
      property: 'consolidated-result',
      message: `node ${o.node} got "${result}" for ${req}, sequentially ${want}`,
      nodes: [o.node],
      messages: [req],
    };
  }
  return null;
}

/** The consolidated result equals the sequential one, for the computation `compute`. */
export function consolidatedResult(compute: (input: string) => string): CheckedProperty {
  return {
    name: 'consolidated-result',
    statement:
      'Every answer equals the result of computing the request sequentially (for a request on ' +
      'shared data: its own contribution, appended to the value before it).',
    kind: 'safety',
    check: (history) => checkConsolidatedResult(history, compute),
  };
}
