import { describe, expect, it } from 'vitest';
import { centralIndex } from '../../../models/napster/index.machine.ts';
import { napsterManifest } from '../../../models/napster/manifest.ts';
import { napsterProtocol } from '../../../models/napster/model.ts';
import { peer } from '../../../models/napster/peer.machine.ts';
import { replicatedIndex } from '../../../models/napster/replicated.ts';
import { manifestTests } from '../../helpers/manifest.ts';

const protocol = napsterProtocol;

describe('the napster manifest', () => {
  it('documents every event the roles handle, and no other', () => {
    const documented = napsterManifest.messages.map((m) => m.type).sort();
    const machines = [peer, centralIndex, replicatedIndex];
    const handled = [...new Set(machines.flatMap((m) => m.events))].sort();
    expect(documented).toEqual(handled);
  });

  it('names the checker of every property, and pins or catches every variant', () => {
    expect(Object.keys(napsterManifest.checkedBy)).toEqual(protocol.properties.map((p) => p.name));
    const [fast] = napsterManifest.configurations;
    const pinned = [...fast!.pins, ...fast!.counterexamples].map((p) => p.variant);
    expect(pinned).toEqual(protocol.variants.map((v) => v.name));
  });
});

// One peer, three index servers, one crash and one early timer, explored fully, and each mutant's
// shortest trace there.
manifestTests(protocol, 'fast');
