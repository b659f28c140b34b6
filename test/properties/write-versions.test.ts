import { describe, expect, it } from 'vitest';
import type { History } from '../../models/kernel/spec.ts';
import {
  checkMonotonicVersions,
  checkUniqueWriteVersions,
} from '../../properties/write-versions.ts';

const ok = (node: number, op: string, f: string, version: number) => ({
  node,
  kind: 'ok',
  op,
  f,
  value: 1,
  version,
});
const install = (node: number, op: string, version: number) => ({
  node,
  kind: 'install',
  op,
  version,
  value: 1,
});

describe('unique write versions', () => {
  it('holds when completed writes install different versions (reads may share them)', () => {
    const history: History = [
      ok(3, 'c0.1', 'write', 1),
      ok(4, 'c1.1', 'read', 1),
      ok(4, 'c1.2', 'write', 2),
    ];
    expect(checkUniqueWriteVersions(history)).toBeNull();
  });

  it('is violated by two completed writes of the same version', () => {
    const verdict = checkUniqueWriteVersions([
      ok(3, 'c0.1', 'write', 1),
      ok(4, 'c1.1', 'write', 1),
    ]);
    expect(verdict).toMatchObject({
      property: 'unique-write-versions',
      nodes: [3, 4],
      messages: ['c0.1', 'c1.1'],
    });
  });
});

describe('monotonic versions', () => {
  it('holds when each copy’s installs grow, across a crash', () => {
    const history: History = [
      install(0, 'c0.1', 1),
      install(1, 'c0.1', 1),
      { node: 0, kind: 'crash' },
      { node: 0, kind: 'recover' },
      install(0, 'c1.1', 2),
    ];
    expect(checkMonotonicVersions(history)).toBeNull();
  });

  it('is violated by an install that does not raise its copy’s version', () => {
    const verdict = checkMonotonicVersions([install(1, 'c0.1', 2), install(1, 'c1.1', 2)]);
    expect(verdict).toMatchObject({
      property: 'monotonic-versions',
      nodes: [1],
      messages: ['c0.1', 'c1.1'],
    });
    expect(checkMonotonicVersions([install(1, 'c0.1', 2), install(1, 'c1.1', 1)])).not.toBeNull();
  });
});
