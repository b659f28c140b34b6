import { describe, expect, it } from 'vitest';
import { badBenchInput, chosenProtocols } from '../../bench/cli.ts';
import { protocols } from '../../models/index.ts';

describe('the bench scripts’ command line', () => {
  it('chooses the protocols named, or all of them', () => {
    expect(chosenProtocols([]).map((p) => p.name)).toEqual(protocols.map((p) => p.name));
    expect(chosenProtocols(['gnutella', 'freenet']).map((p) => p.name)).toEqual([
      'gnutella',
      'freenet',
    ]);
  });

  it('refuses an unknown protocol and a TIMES that is not 1 to 100', () => {
    expect(badBenchInput(['freenet'], '3')).toBeNull();
    expect(badBenchInput([], undefined)).toBeNull();
    expect(badBenchInput(['nosuch'], undefined)).toBe("no protocol is called 'nosuch'");
    for (const times of ['0', 'x', '101', '1.5', '-2', '']) {
      expect(badBenchInput([], times)).toMatch(/^TIMES must be a whole number from 1 to 100/);
    }
    expect(badBenchInput([], '100')).toBeNull();
  });
});
