/**
 * Bandwidth capacity matching by pong filtering (the seed: "bandwidth capacity matching to group
 * participants based on pong filtering"), over the servents' observations (see
 * models/gnutella/capacity.machine.ts): `class {class}` when a servent starts, `pong {host}` when a
 * Pong reaches the servent that pinged. Histories without `class` (plain flooding) satisfy it.
 */
import type { CheckedProperty, History, Verdict } from '../models/kernel/spec.ts';

/** Checks that a servent that pings learns only hosts of its own bandwidth class. */
export function checkCapacityMatched(history: History): Verdict {
  const classes = new Map<number, unknown>();
  for (const o of history) {
    if (o.kind === 'class') classes.set(o.node, o['class']);
    if (o.kind !== 'pong' || typeof o['host'] !== 'number') continue;
    const mine = classes.get(o.node);
    const theirs = classes.get(o['host']);
    if (mine !== undefined && theirs !== undefined && mine !== theirs) {
      return {
        property: 'capacity-matched',
        message: `node ${o.node} (class ${String(mine)}) learned host ${o['host']} of class ${String(theirs)}`,
        nodes: [o.node, o['host']],
        messages: [String(o['guid'])],
      };
    }
  }
  return null;
}

/** A servent learns only hosts of its own bandwidth class. */
export const capacityMatched: CheckedProperty = {
  name: 'capacity-matched',
  statement:
    'Every Pong that reaches a pinging servent comes from a host of its own bandwidth class.',
  kind: 'safety',
  scope: 'global',
  reads: ['class'],
  check: checkCapacityMatched,
};
