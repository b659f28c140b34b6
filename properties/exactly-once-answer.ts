import type {
  CheckedProperty,
  History,
  PropertyContext,
  SometimesProperty,
  Verdict,
} from '../models/kernel/spec.ts';

/**
 * Checks that every request is answered at most once, and only if it was made: an
 * `answer {req}` follows an `invoke {req}` and no other `answer {req}` (a late answer from a worker
 * presumed dead, a duplicated message or an answer per part would be a second one). Reports the
 * first answer that breaks it; observations without a string `req` are skipped.
 */
export function checkExactlyOnceAnswer(history: History): Verdict {
  const invoked = new Set<string>();
  const answered = new Set<string>();
  for (const o of history) {
    const req = o['req'];
    if (typeof req !== 'string') continue;
    if (o.kind === 'invoke') invoked.add(req);
    if (o.kind !== 'answer') continue;
    if (answered.has(req) || !invoked.has(req)) {
      const what = answered.has(req) ? 'a second time' : 'though it was never made';
      return {
        property: 'exactly-once-answer',
        message: `node ${o.node} took an answer to ${req} ${what}`,
        nodes: [o.node],
        messages: [req],
      };
    }
    answered.add(req);
  }
  return null;
}

/** Exactly-once answer, its safety half: no request answered twice, none answered unmade. */
export const exactlyOnceAnswer: CheckedProperty = {
  name: 'exactly-once-answer',
  statement:
    'Each request is answered at most once, and only after it was made (no duplicate answer); ' +
    'no-pending-request is the other half (no missed answer).',
  kind: 'safety',
  check: checkExactlyOnceAnswer,
};

/**
 * Checks, at quiescence, that no request is pending: every `invoke {req}` has an `answer {req}`,
 * unless the node that made it is down or one of the `essential` nodes is (a single point of
 * failure whose crash leaves requests unanswerable). Reports the first unanswered request.
 */
export function checkNoPendingRequest(
  history: History,
  context: PropertyContext,
  essential: readonly number[] = [],
): Verdict {
  if (essential.some((node) => context.up[node] === false)) return null;
  const answered = new Set(history.filter((o) => o.kind === 'answer').map((o) => o['req']));
  for (const o of history) {
    const req = o['req'];
    if (o.kind !== 'invoke' || typeof req !== 'string' || answered.has(req)) continue;
    if (context.up[o.node] === false) continue;
    return {
      property: 'no-pending-request',
      message: `${req}, made by node ${o.node}, is still pending at quiescence`,
      nodes: [o.node],
      messages: [req],
    };
  }
  return null;
}

/**
 * No request pending at quiescence (no missed answer), with `essential` the nodes whose crash
 * excuses it (a server group's single diffuser).
 */
export function noPendingRequest(essential: readonly number[]): CheckedProperty {
  return {
    name: 'no-pending-request',
    statement:
      'When the system has quiesced every request made by a live client has been answered ' +
      '(unless an essential node, such as the diffuser, crashed).',
    kind: 'quiescence',
    check: (history, context) => checkNoPendingRequest(history, context, essential),
  };
}

/** Some request gets answered (guards against a model that answers nothing). */
export const requestAnswered: SometimesProperty = {
  name: 'request-answered',
  statement: 'Some run answers a request.',
  kind: 'sometimes',
  reached: (history) => history.some((o) => o.kind === 'answer'),
};
