import { describe, expect, it } from 'vitest';
import { bootstrap } from '../../../models/overlay-multicast/bootstrap.machine.ts';
import { overlayMulticastManifest } from '../../../models/overlay-multicast/manifest.ts';
import { member } from '../../../models/overlay-multicast/member.machine.ts';
import { overlayMulticastProtocol } from '../../../models/overlay-multicast/model.ts';
import { manifestTests } from '../../helpers/manifest.ts';

const protocol = overlayMulticastProtocol;

describe('the overlay-multicast manifest', () => {
  it('documents every event the two roles handle, and no other', () => {
    const documented = overlayMulticastManifest.messages.map((m) => m.type).sort();
    const handled = [...new Set([...member.events, ...bootstrap.events])].sort();
    expect(documented).toEqual(handled);
  });

  it('names the checker of every property, and pins every variant', () => {
    expect(Object.keys(overlayMulticastManifest.checkedBy)).toEqual(
      protocol.properties.map((p) => p.name),
    );
    for (const config of overlayMulticastManifest.configurations) {
      const pinned = [...config.pins, ...config.counterexamples].map((p) => p.variant);
      expect(pinned).toEqual(protocol.variants.map((v) => v.name));
    }
  });
});

// The line cut by a crash (with a joiner), and by a leave (with a packet sent meanwhile), explored
// fully, and each mutant's shortest trace there.
manifestTests(protocol, 'fast');
