import { describe, expect, it } from 'vitest';
import { distance, keyOf, locationOf, proofOf, verifies } from '../../../models/freenet/keys.ts';

describe('freenet keys', () => {
  it('hashes a CHK from its data, a KSK and an SSK from public keys, deterministically', () => {
    expect(keyOf('chk:a')).toMatch(/^c[0-9a-f]{6}$/);
    expect(keyOf('ksk:a')).toMatch(/^k[0-9a-f]{6}$/);
    expect(keyOf('ssk:alice/a')).toMatch(/^s[0-9a-f]{6}$/);
    expect(keyOf('ssk:alice/a')).not.toBe(keyOf('ssk:bob/a'));
    expect(keyOf('ssk:alice/a')).not.toBe(keyOf('ssk:alice/b'));
    expect(keyOf('chk:a')).not.toBe(keyOf('ksk:a'));
    expect(keyOf('ksk:alpha')).toBe(keyOf('ksk:alpha'));
    expect(locationOf(0)).not.toBe(locationOf(1));
  });

  it('measures closeness as the numeric distance of the hashes', () => {
    expect(distance('000010', '000004')).toBe(12);
    expect(distance('000004', '000010')).toBe(12);
    expect(distance('c000004', 'k000010')).toBe(12);
  });

  it('verifies a CHK against its data', () => {
    expect(verifies(keyOf('chk:a'), 'a', '')).toBe(true);
    expect(verifies(keyOf('chk:a'), 'forged', '')).toBe(false);
  });

  it('verifies signed keys: the rightful signature only, on the data it signed', () => {
    for (const spec of ['ksk:alpha', 'ssk:alice/doc']) {
      const key = keyOf(spec);
      const proof = proofOf(spec, 'a');
      expect(verifies(key, 'a', proof)).toBe(true);
      expect(verifies(key, 'b', proof)).toBe(false); // tampered data
      expect(verifies(key, 'a', proofOf(spec, 'a', 'owner:mallory'))).toBe(false); // wrong key pair
      expect(verifies(key, 'a', '')).toBe(false);
      expect(verifies(key, 'a', 'x.y.z')).toBe(false); // not a key at all
      expect(verifies(keyOf('ksk:other'), 'a', proof)).toBe(false); // another key's proof
    }
    // A KSK's key pair is anyone's who knows the description: the forger's proof names its own key.
    expect(verifies(keyOf('ksk:alpha'), 'a', proofOf('ksk:alpha', 'a', 'ksk:other'))).toBe(false);
  });
});
