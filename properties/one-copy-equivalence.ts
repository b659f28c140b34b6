/**
 * One-copy equivalence of a replicated file (Gifford 1979; Bernstein & Goodman's one-copy
 * serializability for single operations): the copies together behave as one register, so every
 * read returns the value of the latest write that completed before it began (or of a write
 * concurrent with it). That is linearizability of the clients' reads and writes against a register
 * (Herlihy & Wing 1990), checked with the Wing & Gong search of `linearizability.ts`.
 */
import type {
  CheckedProperty,
  History,
  SometimesProperty,
  Verdict,
} from '../models/kernel/spec.ts';
import { linearizability } from './linearizability.ts';
import { registerReader, registerSpec } from './linearizability-specs.ts';

const register = linearizability(registerSpec, registerReader);

/**
 * Checks one-copy equivalence of a history of `invoke {op, f: read|write, value?}` and
 * `ok {op, f, value}` (a read's value; `null` before any write), `fail {op}` (no effect) and
 * `info {op}` (unknown outcome). Reports the first operation whose answer no order explains.
 */
export function checkOneCopyEquivalence(history: History): Verdict {
  const verdict = register.check(history, { nodes: 0, up: [] });
  return verdict === null ? null : { ...verdict, property: 'one-copy-equivalence' };
}

/** One-copy equivalence: the file's copies behave as one register. */
export const oneCopyEquivalence: CheckedProperty = {
  name: 'one-copy-equivalence',
  statement:
    'The copies behave as one: every read returns the value of the latest write completed before it began, or of one concurrent with it.',
  kind: 'safety',
  scope: 'global',
  reads: ['invoke', 'ok', 'info', 'fail'],
  check: checkOneCopyEquivalence,
};

/**
 * Whether some read returned a written value (an `ok` with `f: 'read'` and a non-null `value`):
 * the witness that reads and writes both complete, so one-copy equivalence is not vacuous.
 */
export function readsAWrite(history: History): boolean {
  return history.some((o) => o.kind === 'ok' && o['f'] === 'read' && (o['value'] ?? null) !== null);
}

/** Some read returns a written value. */
export const readSeesWrite: SometimesProperty = {
  name: 'read-sees-write',
  statement: 'Some read returns the value a write wrote.',
  kind: 'sometimes',
  reached: readsAWrite,
};
