import { describe, expect, it } from 'vitest';
import {
  components,
  degrees,
  generate,
  SITE_THRESHOLD,
  transitStub,
  TS_DEFAULTS,
  waxman,
  WAXMAN_DEFAULTS,
} from '../../../experiments/multicast/underlay.ts';

describe('underlay generators', () => {
  for (const kind of ['waxman', 'transit-stub'] as const) {
    for (const routers of [100, 1000]) {
      it(`${kind}, ${routers} routers: connected, exact size, bounded degrees, edge routers`, () => {
        const u = generate(kind, routers, 7);
        expect(u.routers).toBe(routers);
        expect(components(u)).toEqual([routers]);
        const d = degrees(u);
        expect(Math.min(...d)).toBeGreaterThanOrEqual(1);
        expect(Math.max(...d)).toBeLessThanOrEqual(kind === 'waxman' ? 25 : 40);
        const mean = d.reduce((a, b) => a + b, 0) / routers;
        if (kind === 'waxman') {
          // Alpha is scaled to the wanted mean degree; the joins add a few links.
          expect(mean).toBeGreaterThan(WAXMAN_DEFAULTS.meanDegree * 0.8);
          expect(mean).toBeLessThan(WAXMAN_DEFAULTS.meanDegree * 1.2);
        } else {
          expect(mean).toBeGreaterThan(2);
          expect(mean).toBeLessThan(4);
        }
        expect(u.edge.length).toBeGreaterThan(routers / 3);
        for (const l of u.links) {
          expect(l.a).not.toBe(l.b);
          expect(l.delay).toBeGreaterThan(0);
        }
      });
    }
    it(`${kind}: the same seed gives the same graph, another seed another`, () => {
      const a = generate(kind, 300, 1);
      expect(generate(kind, 300, 1)).toEqual(a);
      expect(generate(kind, 300, 2).links).not.toEqual(a.links);
    });
  }

  it('waxman: members attach at the routers of at most the median degree', () => {
    const u = waxman({ routers: 200, ...WAXMAN_DEFAULTS }, 3);
    const d = degrees(u);
    const median = [...d].sort((a, b) => a - b)[99]!;
    expect(u.edge.every((r) => d[r]! <= median)).toBe(true);
    expect(u.edge.length).toBeGreaterThanOrEqual(100);
  });

  it('waxman: a sparse draw is made connected by shortest joining links', () => {
    const u = waxman({ routers: 150, beta: 0.05, meanDegree: 1, maxDelay: 100 }, 5);
    expect(components(u)).toEqual([150]);
  });

  it('transit-stub: stub routers are the edge, each stub domain a site behind a threshold-32 link', () => {
    const u = transitStub({ routers: 1000, ...TS_DEFAULTS }, 9);
    const transit = 1000 - u.edge.length;
    expect(transit).toBe(20);
    expect(u.edge).toEqual(Array.from({ length: 980 }, (_, i) => 20 + i));
    const boundaries = u.links.filter((l) => l.threshold === SITE_THRESHOLD);
    expect(boundaries).toHaveLength(transit * TS_DEFAULTS.stubsPerTransit);
    for (const l of boundaries) {
      expect(l.a).toBeLessThan(transit);
      expect(l.b).toBeGreaterThanOrEqual(transit);
    }
    // Inter-domain links are slower than links inside a stub.
    const inside = u.links.filter((l) => l.a >= transit && l.b >= transit);
    expect(Math.max(...inside.map((l) => l.delay))).toBeLessThanOrEqual(4);
  });
});
