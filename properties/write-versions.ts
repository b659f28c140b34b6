/**
 * Version numbers of a replicated file under voting (Gifford 1979): each completed write installs
 * a version number no other completed write installed, and the version at each copy only grows.
 * Histories: a client's `ok {op, f: 'write', version}` when a write completes, and a copy's
 * `install {op, version}` when it takes a new version.
 */
import type { CheckedProperty, History, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks that no two completed writes (`ok` with `f: 'write'` and a numeric `version`) installed
 * the same version. Reports the first write that repeats a version.
 */
export function checkUniqueWriteVersions(history: History): Verdict {
  const seen = new Map<number, { op: string; node: number }>();
  for (const o of history) {
    const { version, op } = o;
    if (o.kind !== 'ok' || o['f'] !== 'write' || typeof version !== 'number') continue;
    const id = String(op);
    const earlier = seen.get(version);
    if (earlier !== undefined) {
      return {
        property: 'unique-write-versions',
        message: `writes ${earlier.op} and ${id} both completed installing version ${version}`,
        nodes: [...new Set([earlier.node, o.node])].sort((a, b) => a - b),
        messages: [earlier.op, id],
      };
    }
    seen.set(version, { op: id, node: o.node });
  }
  return null;
}

/** No two completed writes install the same version. */
export const uniqueWriteVersions: CheckedProperty = {
  name: 'unique-write-versions',
  statement: 'No two completed writes install the same version number.',
  kind: 'safety',
  check: checkUniqueWriteVersions,
};

/**
 * Checks that every copy's installs (`install {op, version}` by one node) carry strictly growing
 * versions, across crashes. Reports the first install that does not raise its copy's version.
 */
export function checkMonotonicVersions(history: History): Verdict {
  const last = new Map<number, { version: number; op: string }>();
  for (const o of history) {
    const { version, op } = o;
    if (o.kind !== 'install' || typeof version !== 'number') continue;
    const before = last.get(o.node);
    if (before !== undefined && version <= before.version) {
      return {
        property: 'monotonic-versions',
        message: `node ${o.node} installed version ${version} (${String(op)}) over version ${before.version} (${before.op})`,
        nodes: [o.node],
        messages: [before.op, String(op)],
      };
    }
    last.set(o.node, { version, op: String(op) });
  }
  return null;
}

/** The version at each copy only grows. */
export const monotonicVersions: CheckedProperty = {
  name: 'monotonic-versions',
  statement: 'The version number at each copy only grows, across crashes and recoveries.',
  kind: 'safety',
  check: checkMonotonicVersions,
};
