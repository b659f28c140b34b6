import { describe, expect, it } from 'vitest';
import type { ServentEvent } from '../../../models/gnutella/messages.ts';
import {
  decide,
  floodTargets,
  forwardedHeader,
  freshContext,
  guidOf,
  JsonState,
  ORIGIN,
  replyTtl,
  stepServent,
  type ServentGuard,
  type ServentSend,
} from '../../../models/gnutella/servent-logic.ts';
import { RecordedEffects } from '../../../models/kernel/step.ts';

/** Servent 1 with connections to 0, 2 and 3, sharing `song`. */
const servent1 = (firewalled = false) =>
  new JsonState(
    freshContext({
      self: 1,
      neighbours: [3, 0, 2],
      shares: ['song'],
      firewalled,
      known: null,
      pingTtl: 0,
    }),
  );

/** Effects answering every guard as the correct servent does, some swapped. */
const effectsOn = (state: JsonState, swaps: Partial<Record<ServentGuard, boolean>> = {}) =>
  new RecordedEffects<ServentSend, ServentGuard>(
    (guard, params) => swaps[guard] ?? decide(state, guard, params ?? {}),
  );

/** Runs `events` through `state`, returning what it sent and observed. */
function run(state: JsonState, events: readonly ServentEvent[], swaps = {}) {
  const out = effectsOn(state, swaps);
  for (const e of events) stepServent(state, e, out);
  return out;
}

const G = guidOf(0, 0);
const query = { type: 'Query', guid: G, ttl: 3, hops: 0, key: 'song', from: 0 } as const;

describe('the header helpers', () => {
  it('render a deterministic 16-byte GUID per servent and counter', () => {
    expect(guidOf(0, 0)).toBe('0000000000000000ff00000000000000');
    expect(guidOf(258, 3)).toBe('01020003' + '00000000ff00000000000000');
    expect(guidOf(1, 0)).not.toBe(guidOf(0, 1));
    expect(guidOf(7, 9)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('decrement TTL and increment Hops, and size replies to the distance back', () => {
    expect(forwardedHeader(3, 0)).toEqual({ ttl: 2, hops: 1 });
    expect(forwardedHeader(3, 0, false)).toEqual({ ttl: 3, hops: 1 });
    expect(replyTtl(2)).toBe(3);
    expect(floodTargets([0, 2, 3], 2)).toEqual([0, 3]);
  });
});

describe('a servent taking a Query', () => {
  it('floods it to every other connection with TTL − 1, Hops + 1, and answers a shared key', () => {
    const state = servent1();
    const out = run(state, [query]);
    expect(out.sent).toEqual([
      { to: 2, msg: { type: 'Query', guid: G, ttl: 2, hops: 1, key: 'song' } },
      { to: 3, msg: { type: 'Query', guid: G, ttl: 2, hops: 1, key: 'song' } },
      {
        to: 0,
        msg: {
          type: 'QueryHit',
          guid: G,
          ttl: 1,
          hops: 0,
          key: 'song',
          servent: 1,
          firewalled: false,
        },
      },
    ]);
    expect(state.routeOf(G, 'Query')).toBe(0);
    expect(out.observed.map((o) => o.kind)).toEqual(['route', 'reply']);
  });

  it('drops a duplicate GUID, and stops flooding when TTL runs out', () => {
    const state = servent1();
    run(state, [query]);
    expect(run(state, [{ ...query, from: 2 }]).sent).toEqual([]);
    const last = run(servent1(), [{ ...query, ttl: 1, key: 'talk' }]);
    expect(last.sent).toEqual([]);
    expect(last.observed[0]).toMatchObject({ kind: 'route', sentTtl: 0, to: [] });
  });

  it('asks sendsLastHop per neighbour of a last hop, and floodsTo per neighbour of any flood', () => {
    const last = run(servent1(), [{ ...query, ttl: 2 }], { sendsLastHop: false });
    expect(last.observed[0]).toMatchObject({ kind: 'route', to: [], skipped: [2, 3] });
    const kept = run(servent1(), [query], { floodsTo: false });
    expect(kept.observed[0]).toMatchObject({ kind: 'route', to: [] });
    expect(kept.observed[0]).not.toHaveProperty('skipped');
    const search = run(servent1(), [{ type: 'search', id: 'q0', key: 'k', ttl: 2, from: -1 }], {
      floodsTo: false,
    });
    expect(search.sent).toEqual([]);
  });

  it('without duplicate suppression (the mutant) takes it on again', () => {
    const state = servent1();
    run(state, [query]);
    const again = run(state, [{ ...query, from: 2 }], { isDuplicate: false });
    expect(again.observed[0]).toMatchObject({ kind: 'route', from: 2 });
  });
});

describe('a servent routing replies', () => {
  const hit = (from: number) =>
    ({
      type: 'QueryHit',
      guid: G,
      ttl: 2,
      hops: 0,
      key: 'song',
      servent: 3,
      firewalled: true,
      from,
    }) as const;

  it('passes a QueryHit only to the connection its Query came on, learning the Push route', () => {
    const state = servent1();
    run(state, [{ ...query, key: 'talk' }]);
    const out = run(state, [hit(3)]);
    const { from: _, ...sent } = hit(3);
    expect(out.sent).toEqual([{ to: 0, msg: { ...sent, ttl: 1, hops: 1 } }]);
    expect(state.serventRoute(3)).toBe(3);
  });

  it('floods it in the mutant, and drops a reply to a request it never saw', () => {
    const state = servent1();
    run(state, [{ ...query, key: 'talk' }]);
    expect(run(state, [hit(3)], { routesReplyBack: false }).sent.map((s) => s.to)).toEqual([0, 2]);
    expect(run(servent1(), [hit(3)]).sent).toEqual([]);
  });

  it('at the originator: a hit, and a Push back towards a firewalled responder', () => {
    const state = servent1();
    run(state, [{ type: 'search', id: 'q0', key: 'song', ttl: 3, from: -1 }]);
    const mine = guidOf(1, 0);
    expect(state.routeOf(mine, 'Query')).toBe(ORIGIN);
    const out = run(state, [{ ...hit(2), guid: mine, ttl: 1, hops: 1 }]);
    expect(out.observed.map((o) => o.kind)).toEqual(['hit', 'push']);
    expect(out.sent).toEqual([
      {
        to: 2,
        msg: {
          type: 'Push',
          guid: guidOf(1, 1),
          ttl: 2,
          hops: 0,
          servent: 3,
          requester: 1,
          key: 'song',
        },
      },
    ]);
  });

  it('passes a Push towards its servent, and consumes one addressed to itself', () => {
    const state = servent1();
    run(state, [{ ...query, key: 'talk' }, hit(3)]);
    const push = {
      type: 'Push',
      guid: guidOf(0, 1),
      ttl: 2,
      hops: 0,
      servent: 3,
      requester: 0,
      key: 'song',
      from: 0,
    } as const;
    expect(run(state, [push]).sent.map((s) => s.to)).toEqual([3]);
    const target = servent1(true);
    expect(run(target, [{ ...push, servent: 1 }]).observed).toEqual([
      { kind: 'pushed', guid: guidOf(0, 1), requester: 0, key: 'song' },
    ]);
  });
});

describe('joins and leaves', () => {
  it('a joining servent connects to its known host, which accepts; it then pings', () => {
    const joiner = new JsonState(
      freshContext({
        self: 4,
        neighbours: [],
        shares: [],
        firewalled: false,
        known: 0,
        pingTtl: 2,
      }),
    );
    const out = effectsOn(joiner);
    stepServent(joiner, { type: 'ConnectOk', from: 0 }, out);
    expect(joiner.neighbours()).toEqual([0]);
    expect(out.sent).toEqual([
      { to: 0, msg: { type: 'Ping', guid: guidOf(4, 0), ttl: 2, hops: 0 } },
    ]);
    const host = servent1();
    expect(run(host, [{ type: 'Connect', from: 4 }]).sent).toEqual([
      { to: 4, msg: { type: 'ConnectOk' } },
    ]);
    expect(host.neighbours()).toEqual([0, 2, 3, 4]);
  });

  it('a leaving servent closes every connection; its neighbours drop the link', () => {
    const state = servent1();
    expect(run(state, [{ type: 'leave', from: -1 }]).sent.map((s) => s.to)).toEqual([0, 2, 3]);
    run(state, [{ type: 'Disconnect', from: 2 }]);
    expect(state.context().neighbours).toEqual([0, 3]);
  });
});
