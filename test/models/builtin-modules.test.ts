import { describe, expect, it } from 'vitest';
import { BUILT_IN_NAMES, loadBuiltIn } from '../../models/builtin-modules.ts';
import { protocols } from '../../models/index.ts';

describe('loadBuiltIn', () => {
  it('names every built-in protocol, and no other', () => {
    expect([...BUILT_IN_NAMES].sort()).toEqual(protocols.map((p) => p.name).sort());
  });

  it('loads each from its own module: the very protocol the index lists', async () => {
    for (const p of protocols) expect(await loadBuiltIn(p.name)).toBe(p);
  });

  it('loads nothing for another name (no path is built from it)', async () => {
    expect(await loadBuiltIn('../index')).toBeUndefined();
    expect(await loadBuiltIn('my-protocol')).toBeUndefined();
  });
});
