import { describe, expect, it } from 'vitest';
import { capacityServent } from '../../../models/gnutella/capacity.machine.ts';
import { gnutellaManifest } from '../../../models/gnutella/manifest.ts';
import { hitCacheServent } from '../../../models/gnutella/hit-cache.machine.ts';
import { gnutellaProtocol } from '../../../models/gnutella/model.ts';
import { pongCacheServent } from '../../../models/gnutella/pong-cache.machine.ts';
import { qrpServent } from '../../../models/gnutella/qrp.machine.ts';
import { ringServent } from '../../../models/gnutella/ring.machine.ts';
import { servent } from '../../../models/gnutella/servent.machine.ts';
import { ultrapeerServent } from '../../../models/gnutella/ultrapeer.machine.ts';
import { flowServent, walkServent } from '../../../models/gnutella/walk.machine.ts';
import { manifestTests } from '../../helpers/manifest.ts';

const protocol = gnutellaProtocol;

/**
 * Variants pinned in a test of their own, on a configuration of their own (the bounded square's
 * Ping makes theirs too large for the manifest): walk.machine.test.ts.
 */
const PINNED_ELSEWHERE = ['random-walk', 'random-walk-biased', 'walkers-never-stop'];

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
          ...pongCacheServent.events,
          ...hitCacheServent.events,
          ...walkServent.events,
          ...flowServent.events,
        ]),
      ].sort(),
    );
  });

  it('names the checker of every property, and pins every variant', () => {
    expect(Object.keys(gnutellaManifest.checkedBy)).toEqual(protocol.properties.map((p) => p.name));
    for (const config of gnutellaManifest.configurations) {
      const pinned = [...config.pins, ...config.counterexamples].map((p) => p.variant);
      expect(pinned.sort()).toEqual(
        protocol.variants
          .map((v) => v.name)
          .filter((v) => !PINNED_ELSEWHERE.includes(v))
          .sort(),
      );
    }
  });
});

// A square with a diagonal (duplicates, a firewalled holder, a Push, a Ping) and a triangle with a
// joining servent, a crash and a leave, explored fully; each mutant's shortest trace there.
manifestTests(protocol, 'fast');
