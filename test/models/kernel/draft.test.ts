import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { componentSums, worldFingerprint } from '../../../models/kernel/fingerprint.ts';
import { System } from '../../../models/kernel/system.ts';
import type { Move } from '../../../models/kernel/world.ts';
import { totalOrderProtocol } from '../../../models/total-order/model.ts';

const protocol = totalOrderProtocol;

// The draft keeps each world's fingerprint sums up to date incrementally; they must always equal
// the sums computed from scratch, whatever the steps (faults included) and the network.
test.prop([
  fc.constantFrom(...protocol.variants.map((v) => v.name)),
  fc.array(fc.nat(), { maxLength: 60 }),
])('incremental fingerprint sums equal sums computed from scratch along any run', (name, picks) => {
  const variant = protocol.variants.find((v) => v.name === name)!;
  const sys = new System(protocol, variant, {
    members: 3,
    multicasts: [0, 1, 2],
    drops: 0,
    duplicates: 2,
    timeouts: 2,
  });
  let w = sys.initial();
  const benign: Move[] = [];
  const faults: Move[] = [];
  for (const pick of picks) {
    expect({ sumHi: w.sumHi, sumLo: w.sumLo }).toEqual(componentSums(sys.hashes, w));
    sys.enabled(w, benign, faults);
    const all = [...benign, ...faults];
    if (all.length === 0) break;
    const before = worldFingerprint(w, { hi: 0, lo: 0 });
    w = sys.apply(w, all[pick % all.length]!);
    expect(worldFingerprint(w, { hi: 0, lo: 0 })).not.toEqual(before);
  }
});
