import { describe, expect, it } from 'vitest';
import { directory } from '../../../models/ip-multicast/directory.machine.ts';
import { host } from '../../../models/ip-multicast/host.machine.ts';
import { ipMulticastManifest } from '../../../models/ip-multicast/manifest.ts';
import { ipMulticastProtocol } from '../../../models/ip-multicast/model.ts';
import { router } from '../../../models/ip-multicast/router.machine.ts';
import { manifestTests } from '../../helpers/manifest.ts';

const protocol = ipMulticastProtocol;

describe('the ip-multicast manifest', () => {
  it('documents every event the three roles handle, and no other', () => {
    const documented = ipMulticastManifest.messages.map((m) => m.type).sort();
    const handled = [...new Set([...router.events, ...host.events, ...directory.events])].sort();
    expect(documented).toEqual(handled);
  });

  it('names the checker of every property, and pins every variant', () => {
    expect(Object.keys(ipMulticastManifest.checkedBy)).toEqual(
      protocol.properties.map((p) => p.name),
    );
    for (const config of ipMulticastManifest.configurations) {
      const pinned = [...config.pins, ...config.counterexamples].map((p) => p.variant);
      expect(pinned).toEqual(protocol.variants.map((v) => v.name));
    }
  });
});

// A ring of three routers with a site boundary, two members, two packets, one loss, explored
// fully, and each mutant's shortest trace there.
manifestTests(protocol, 'fast');
