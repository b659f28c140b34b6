import { describe, expect, it } from 'vitest';
import { virtualSynchronyManifest } from '../../../models/virtual-synchrony/manifest.ts';
import { member } from '../../../models/virtual-synchrony/member.machine.ts';
import { virtualSynchronyProtocol } from '../../../models/virtual-synchrony/model.ts';
import { manifestTests } from '../../helpers/manifest.ts';

const protocol = virtualSynchronyProtocol;

describe('the virtual-synchrony manifest', () => {
  it('documents every event the member machine handles, and no other', () => {
    const documented = virtualSynchronyManifest.messages.map((m) => m.type).sort();
    expect(documented).toEqual([...member.events].sort());
  });

  it('names the checker of every property, and pins every variant', () => {
    expect(Object.keys(virtualSynchronyManifest.checkedBy)).toEqual(
      protocol.properties.map((p) => p.name),
    );
    for (const config of virtualSynchronyManifest.configurations) {
      const pinned = [...config.pins, ...config.counterexamples].map((p) => p.variant);
      expect(pinned).toEqual(protocol.variants.map((v) => v.name));
    }
  });
});

// The bounded configuration at 3 members (two multicasts, a crash, two suspicions, a leave, a
// partition), explored fully, and each mutant's shortest trace there.
manifestTests(protocol, 'fast');
