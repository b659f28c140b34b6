import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import {
  creditLeft,
  enqueue,
  freshFlow,
  returned,
  spend,
} from '../../../models/gnutella/flow-control.ts';
import {
  flowBounded,
  gnutellaProtocol,
  type GnutellaParams,
} from '../../../models/gnutella/model.ts';
import type { WalkContext } from '../../../models/gnutella/walk.machine.ts';
import type { History, InvariantProperty } from '../../../models/kernel/spec.ts';

const variant = (name: string) => gnutellaProtocol.variants.find((v) => v.name === name)!;
const walker = (guid: string, hops: number, from = 0) => ({ guid, hops, from });

describe('flow control', () => {
  it('spends a token per walker and counts back only the tokens owed', () => {
    const flow = spend(spend(freshFlow({ credit: 2, queue: 1 }), 1), 1);
    expect([creditLeft(flow, 1), creditLeft(flow, 2)]).toEqual([0, 2]);
    const back = returned(flow, 1)!;
    expect(creditLeft(back, 1)).toBe(1);
    expect(returned(freshFlow({ credit: 2, queue: 1 }), 1)).toBeNull();
  });

  it('drops the walker with the most Hops from a full queue, the newcomer on a tie', () => {
    const full = [walker('own', 0, -1), walker('a', 1), walker('b', 3)];
    expect(enqueue(full, walker('c', 2), 2)).toEqual({
      parked: [walker('own', 0, -1), walker('a', 1), walker('c', 2)],
      dropped: walker('b', 3),
    });
    expect(enqueue(full, walker('c', 3), 2)).toEqual({ parked: full, dropped: walker('c', 3) });
    expect(enqueue(full, walker('c', 5), 3).dropped).toBeNull();
    // The requester's own walkers (from ORIGIN) wait apart: never dropped, never counted.
    expect(enqueue(full, walker('own2', 0, -1), 2).dropped).toBeNull();
  });

  it('refuses a grant or a queue out of range, with the range', () => {
    const messages = (flow: object) => {
      const parsed = gnutellaProtocol.paramsSchema.safeParse({ ...flowBounded(4), flow });
      return parsed.success ? 'ok' : parsed.error.issues.map((i) => i.message).join('; ');
    };
    expect(messages({ credit: 4, queue: 8 })).toBe('ok');
    expect(messages({ credit: 0, queue: 1 })).toMatch(/1/);
    expect(messages({ credit: 1, queue: 9 })).toMatch(/8/);
  });

  /** The most walkers servent `hub` holds at once (waiting to go on or for a check-back). */
  function heldAt(name: string, hub: number, params: GnutellaParams): number {
    let most = 0;
    const measure: InvariantProperty = {
      name: 'measure',
      statement: 'records the walkers the hub holds',
      kind: 'always',
      check: (world) => {
        const c = world.nodes[hub]!.context as Partial<WalkContext> | null;
        most = Math.max(most, (c?.parked?.length ?? 0) + (c?.waiting?.length ?? 0));
        return null;
      },
    };
    const r = runExhaustive({ ...gnutellaProtocol, properties: [measure] }, variant(name), {
      params,
    });
    expect(r.complete).toBe(true);
    return most;
  }

  it('keeps the hot spot cool: the hub holds one walker at most, where biased walkers leave it two', () => {
    for (const nodes of [4, 5]) {
      expect(heldAt('random-walk-biased', 1, flowBounded(nodes))).toBe(2);
      expect(heldAt('flow-control', 1, flowBounded(nodes))).toBe(1);
    }
  });

  it('drops a walker at the full queue of the hub in some run, and every walker still ends', () => {
    const dropped = {
      name: 'dropped',
      statement: 'a walker is dropped from a full queue',
      kind: 'sometimes' as const,
      reached: (h: History) => h.some((o) => o.kind === 'walk-end' && o['why'] === 'dropped'),
    };
    const r = runExhaustive(
      { ...gnutellaProtocol, properties: [...gnutellaProtocol.properties, dropped] },
      variant('flow-control'),
      { nodes: 4 },
    );
    expect([r.complete, r.trace]).toEqual([true, null]);
    expect(r.witnesses.find((w) => w.property === 'dropped')?.depth).toBeGreaterThan(0);
  });
});
