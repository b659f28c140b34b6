import { describe, expect, it } from 'vitest';
import { worldFingerprint } from '../../../models/kernel/fingerprint.ts';
import { protocols } from '../../../models/index.ts';
import { boundedParams } from '../../../models/kernel/protocol.ts';
import { System } from '../../../models/kernel/system.ts';
import { MoveKind, type Move, type World } from '../../../models/kernel/world.ts';
import { ping, toySystem } from '../../fixtures/toy-protocol.ts';

/** Compares peek with apply on every move of the first `limit` worlds, breadth-first. */
function agree(sys: System, limit: number): { peeked: number; kinds: Set<MoveKind> } {
  const seen = new Set<string>();
  const queue: World[] = [sys.initial()];
  const benign: Move[] = [];
  const faults: Move[] = [];
  const fp = { hi: 0, lo: 0 };
  const peeked = { count: 0, kinds: new Set<MoveKind>() };
  for (let done = 0; done < limit && queue.length > 0; done++) {
    const w = queue.shift()!;
    sys.enabled(w, benign, faults);
    for (const m of [...benign, ...faults]) {
      const next = sys.apply(w, m);
      const want = worldFingerprint(next, { hi: 0, lo: 0 });
      if (sys.peek(w, m, fp)) {
        expect(fp, `peek of ${JSON.stringify(sys.toAction(m))}`).toEqual(want);
        peeked.count++;
        peeked.kinds.add(m.kind);
      }
      const key = `${want.hi}:${want.lo}`;
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(next);
      }
    }
  }
  return { peeked: peeked.count, kinds: peeked.kinds };
}

describe('peekFingerprint', () => {
  it.each(protocols.flatMap((p) => p.variants.map((v) => ({ p, v, name: `${p.name}/${v.name}` }))))(
    'gives the fingerprint apply would on $name',
    ({ p, v }) => {
      const sys = new System(p, v, boundedParams(p, v, p.nodes.default));
      expect(agree(sys, 400).peeked).toBeGreaterThan(0);
    },
  );

  it.each(['fifo', 'unordered', 'duplicating'] as const)(
    'covers deliveries, inputs, timeouts, choices, drops and duplicates on a %s network',
    (network) => {
      const sys = toySystem({
        network,
        nodes: 3,
        inputs: [ping(0, 1), ping(1, 2), ping(2, 0)],
        faults: { drop: 1, duplicate: network === 'duplicating' ? 0 : 1, timeout: 1, crash: 1 },
      });
      const { kinds } = agree(sys, 3000);
      const want = [
        MoveKind.Deliver,
        MoveKind.Input,
        MoveKind.Timeout,
        MoveKind.Choose,
        MoveKind.Drop,
      ];
      if (network !== 'duplicating') want.push(MoveKind.Duplicate);
      for (const k of want) expect(kinds.has(k), MoveKind[k]).toBe(true);
    },
  );
});
