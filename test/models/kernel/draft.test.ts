import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { componentSums, worldFingerprint } from '../../../models/kernel/fingerprint.ts';
import { System } from '../../../models/kernel/system.ts';
import { Reuse, type Move, type World } from '../../../models/kernel/world.ts';
import { protocols } from '../../../models/index.ts';
import { boundedParams } from '../../../models/kernel/protocol.ts';
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

// A step built in the draft's scratch arrays is the same world as one built fresh and leaves its
// base alone; a scratch step from the last scratch world (the arrays it refills) is right too.
test.prop([
  fc.constantFrom(...protocols.flatMap((p) => p.variants.map((v) => [p, v] as const))),
  fc.array(fc.nat(), { maxLength: 40 }),
])('a scratch step builds the world a fresh step builds, for every protocol', ([p, v], picks) => {
  const sys = new System(p, v, boundedParams(p, v, p.nodes.default));
  const contents = (w: World) => ({
    ...w,
    locals: [...w.locals],
    status: [...w.status],
    channels: w.channels.map((c) => [...c]),
    digests: [...w.digests],
    used: [...w.used],
  });
  let w = sys.initial();
  // `w` again, built in scratch arrays by the step before.
  let scratch: World | null = null;
  const benign: Move[] = [];
  const faults: Move[] = [];
  for (const pick of picks) {
    sys.enabled(w, benign, faults);
    const all = [...benign, ...faults];
    if (all.length === 0) break;
    const m = all[pick % all.length]!;
    const fresh = contents(sys.apply(w, m));
    if (scratch !== null) expect(contents(sys.apply(scratch, m, Reuse.Scratch))).toEqual(fresh);
    const before = contents(w);
    expect(contents(sys.apply(w, m, Reuse.Scratch))).toEqual(fresh);
    expect(contents(w)).toEqual(before);
    const next = sys.apply(w, m);
    scratch = sys.apply(w, m, Reuse.Scratch);
    w = next;
  }
});

// An in-place step chain (what a lean random scenario takes) builds the worlds a fresh chain
// builds; with fingerprints kept it is a scratch step (it would need the old content), so its sums
// are right too.
test.prop([
  fc.constantFrom(...protocols.flatMap((p) => p.variants.map((v) => [p, v] as const))),
  fc.array(fc.nat(), { maxLength: 40 }),
  fc.boolean(),
])(
  'in-place steps build the worlds fresh steps build, for every protocol',
  ([p, v], picks, hashing) => {
    const params = boundedParams(p, v, p.nodes.default);
    const sys = new System(p, v, params, undefined, hashing);
    const fresh = new System(p, v, params, sys.table, hashing);
    let w = fresh.initial();
    let inPlace = sys.initial();
    const start = JSON.stringify(inPlace);
    const first = inPlace;
    const benign: Move[] = [];
    const faults: Move[] = [];
    for (const pick of picks) {
      fresh.enabled(w, benign, faults);
      const all = [...benign, ...faults];
      if (all.length === 0) break;
      const m = all[pick % all.length]!;
      w = fresh.apply(w, m);
      const before = inPlace;
      inPlace = sys.apply(inPlace, m, Reuse.InPlace);
      expect(JSON.stringify(inPlace)).toBe(JSON.stringify(w));
      // After its first step, the chain refills one world object.
      if (before !== first && !hashing) expect(inPlace).toBe(before);
    }
    // The chain's first world was not the draft's own: it is left as it was.
    expect(JSON.stringify(first)).toBe(start);
    // An in-place step from another world starts a new chain (a new world object; the old
    // chain's world is the scratch's, no longer valid) and builds what a fresh step builds.
    fresh.enabled(first, benign, faults);
    const m = [...benign, ...faults][0];
    if (m !== undefined) {
      const other = sys.apply(first, m, Reuse.InPlace);
      if (!hashing) expect(other).not.toBe(inPlace);
      expect(JSON.stringify(other)).toBe(JSON.stringify(fresh.apply(first, m)));
    }
  },
);
