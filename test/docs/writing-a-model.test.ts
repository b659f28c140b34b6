import { describe, expect, it } from 'vitest';
import { runRandom } from '../../checkers/random.ts';
import { replay } from '../../checkers/replay.ts';
import { traceSystem } from '../../checkers/trace-system.ts';
import { runExhaustive } from '../../checkers/exhaustive/search.ts';
import { manifestTests } from '../helpers/manifest.ts';
import { ackTransfer, checkTransferred } from './ack-transfer.ts';

// docs/writing-a-model.md claims a protocol written from it alone needs nothing else. The
// acknowledged transfer in ./ack-transfer.ts was written that way; here both engines check it.
const protocol = ackTransfer;
const variant = (name: string) => protocol.variants.find((v) => v.name === name)!;

describe('a protocol written from docs/writing-a-model.md', () => {
  it('holds under the random engine', () => {
    const r = runRandom(protocol, variant('ack-transfer'), { runs: 300, seed: 1 });
    expect([r.ok, r.trace]).toEqual([true, null]);
  });

  it.each(['no-dedup', 'no-retransmit'])(
    'has its mutant %s caught by both engines, with traces that replay',
    (name) => {
      const breaks = variant(name).breaks;
      const random = runRandom(protocol, variant(name), { runs: 300, seed: 1 });
      const exhaustive = runExhaustive(protocol, variant(name), { nodes: 2 });
      for (const trace of [random.trace, exhaustive.trace]) {
        expect(trace?.violation?.property).toBe(breaks);
        const replayed = replay(trace!, traceSystem(trace!, undefined, protocol));
        expect(replayed.divergence).toBeNull();
        expect(replayed.violation?.property).toBe(breaks);
      }
    },
  );

  it('checks its own property on hand-written histories', () => {
    const took = { node: 0, kind: 'multicast', msg: 'm0' };
    expect(checkTransferred([took])?.message).toBe('rcv never delivered m0');
    expect(checkTransferred([took, { node: 1, kind: 'deliver', msg: 'm0' }])).toBeNull();
  });
});

// Its manifest's pins, through the same helper every shipped protocol uses.
manifestTests(protocol, 'fast');
