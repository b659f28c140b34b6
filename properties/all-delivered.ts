import type { History, PropertyContext, SometimesProperty } from '../models/kernel/spec.ts';

/** Whether every message multicast so far has been delivered by every node, and there was one. */
export function everyMulticastDeliveredEverywhere(
  history: History,
  context: PropertyContext,
): boolean {
  const multicast = new Set<string>();
  const delivered = Array.from({ length: context.nodes }, () => new Set<string>());
  for (const o of history) {
    if (typeof o['msg'] !== 'string') continue;
    if (o.kind === 'multicast') multicast.add(o['msg']);
    else if (o.kind === 'deliver') delivered[o.node]?.add(o['msg']);
  }
  if (multicast.size < 2) return false;
  for (const m of multicast) for (const d of delivered) if (!d.has(m)) return false;
  return true;
}

/** Reachability: some run multicasts at least two messages and delivers them all everywhere. */
export const allDelivered: SometimesProperty = {
  name: 'all-delivered',
  statement: 'Some run multicasts at least two messages and every node delivers all of them.',
  kind: 'sometimes',
  reached: everyMulticastDeliveredEverywhere,
};
