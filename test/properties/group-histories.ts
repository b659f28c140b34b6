import { fc } from '@fast-check/vitest';
import type { History, Observation, PropertyContext } from '../../models/kernel/spec.ts';

/** `node` multicast `msg`. */
export const multicast = (node: number, msg: string): Observation => ({
  node,
  kind: 'multicast',
  msg,
});
/** `node` delivered `msg`. */
export const deliver = (node: number, msg: string): Observation => ({ node, kind: 'deliver', msg });
/** A property context with these nodes up (true) or not. */
export const context = (...up: boolean[]): PropertyContext => ({ nodes: up.length, up });

/** A configuration, who is up, and for each message its sender and the nodes that delivered it. */
export const groupWorld = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    up: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    messages: fc.array(
      fc.record({
        sender: fc.nat(n - 1),
        delivered: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      }),
      { maxLength: 6 },
    ),
  }),
);

/** A value of `groupWorld`. */
export type GroupWorld = typeof groupWorld extends fc.Arbitrary<infer T> ? T : never;

/** The history of a group world: each multicast then its deliveries, then the crashes of down nodes. */
export function historyOf({ up, messages }: GroupWorld): History {
  const history: Observation[] = [];
  messages.forEach(({ sender, delivered }, k) => {
    history.push(multicast(sender, `m${k}`));
    delivered.forEach((did, node) => {
      if (did) history.push(deliver(node, `m${k}`));
    });
  });
  up.forEach((isUp, node) => {
    if (!isUp) history.push({ node, kind: 'crash' });
  });
  return history;
}
