import { describe, expect, it } from 'vitest';
import { capacityServent } from '../../../models/gnutella/capacity.machine.ts';
import { gnutellaManifest } from '../../../models/gnutella/manifest.ts';
import { gnutellaProtocol } from '../../../models/gnutella/model.ts';
import { qrpServent } from '../../../models/gnutella/qrp.machine.ts';
import { ringServent } from '../../../models/gnutella/ring.machine.ts';
import { servent } from '../../../models/gnutella/servent.machine.ts';
import { ultrapeerServent } from '../../../models/gnutella/ultrapeer.machine.ts';
import { manifestTests } from '../../helpers/manifest.ts';

const protocol = gnutellaProtocol;

describe('the gnutella manifest', () => {
  it('documents every event the servents handle, and no other', () => {
    const documented = gnutellaManifest.messages.map((m) => m.type).sort();
    expect(documented).toEqual(
      [
        ...new Set([
          ...servent.events,
          ...ringServent.events,
          ...qrpServent.events,
          ...ultrapeerServent.events,
          ...capacityServent.events,
        ]),
      ].sort(),
    );
  });

  it('names the checker of every property, and pins every variant', () => {
    expect(Object.keys(gnutellaManifest.checkedBy)).toEqual(protocol.properties.map((p) => p.name));
    for (const config of gnutellaManifest.configurations) {
      const pinned = [...config.pins, ...config.counterexamples].map((p) => p.variant);
      expect(pinned.sort()).toEqual(protocol.variants.map((v) => v.name).sort());
    }
  });
});

// A square with a diagonal (duplicates, a firewalled holder, a Push, a Ping) and a triangle with a
// joining servent, a crash and a leave, explored fully; each mutant's shortest trace there.
manifestTests(protocol, 'fast');
