import type { Observation } from '../models/kernel/spec.ts';

/** A view installation read from a history: `{ kind: 'view', view: id, members: [...] }`. */
export interface Installation {
  /** The installing node. */
  readonly node: number;
  /** The view id. */
  readonly view: number;
  /** Its members, as observed. */
  readonly members: readonly number[];
}

/**
 * The installation an observation records, or null if it records none (another kind, or fields
 * that are not a numeric view id and a list of node indices).
 */
export function installation(o: Observation): Installation | null {
  const { view, members } = o;
  if (o.kind !== 'view' || typeof view !== 'number' || !Array.isArray(members)) return null;
  if (!members.every((m) => typeof m === 'number')) return null;
  return { node: o.node, view, members: members as number[] };
}

/**
 * Whether an observation starts a new incarnation of its node: a node that joins (again) or
 * recovers remembers no view, so its views are read afresh.
 */
export function startsIncarnation(o: Observation): boolean {
  return o.kind === 'join' || o.kind === 'recover';
}

/** A membership as text, for comparisons and messages: `[0,1,2]`. */
export function membersText(members: readonly number[]): string {
  return `[${members.join(',')}]`;
}
