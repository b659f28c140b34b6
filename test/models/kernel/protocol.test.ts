import { describe, expect, it } from 'vitest';
import { withOverrides } from '../../../checkers/params/override.ts';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { gnutellaProtocol } from '../../../models/gnutella/model.ts';
import { boundedParams } from '../../../models/kernel/protocol.ts';

const variant = (name: string) => gnutellaProtocol.variants.find((v) => v.name === name)!;

describe('boundedParams', () => {
  it("is the protocol's bounded configuration unless the variant has its own", () => {
    expect(boundedParams(gnutellaProtocol, variant('gnutella'), 4)).toEqual(
      gnutellaProtocol.bounded(4),
    );
    expect(boundedParams(gnutellaProtocol, variant('random-walk'), 4)).toEqual({
      ...gnutellaProtocol.bounded(4),
      pings: [],
    });
  });

  it('is what the exhaustive engine explores for the variant, and --param overrides apply to it', () => {
    const r = runExhaustive(gnutellaProtocol, variant('random-walk'), { nodes: 4 });
    expect(r.params['pings']).toEqual([]);
    const changed = withOverrides(gnutellaProtocol, { walkers: { k: 1, checkEvery: 2 } });
    const walk = changed.variants.find((v) => v.name === 'random-walk')!;
    expect(boundedParams(changed, walk, 4)).toMatchObject({
      pings: [],
      walkers: { k: 1, checkEvery: 2 },
    });
  });
});
