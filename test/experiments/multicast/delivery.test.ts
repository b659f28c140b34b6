import { describe, expect, it } from 'vitest';
import {
  ACCESS_DELAY,
  ipMulticast,
  Network,
  overlay,
  unicast,
} from '../../../experiments/multicast/delivery.ts';
import { metricsOf, quantile } from '../../../experiments/multicast/metrics.ts';
import { generate, underlayOf, type Link } from '../../../experiments/multicast/underlay.ts';

// A line r0 – r1 – r2 with a branch r1 – r3; r2 – r3 is a site boundary (threshold 32).
const links: Link[] = [
  { a: 0, b: 1, delay: 10, threshold: 1 },
  { a: 1, b: 2, delay: 10, threshold: 1 },
  { a: 1, b: 3, delay: 5, threshold: 32 },
];
const line = underlayOf('waxman', 4, links, [0, 2, 3]);
// Host 0 (the source) on r0, hosts 1 and 2 on r2, host 3 on r3.
const net = new Network(line, [0, 2, 2, 3]);
const group = [0, 1, 2, 3];

describe('one packet, three ways', () => {
  it('unicast: one copy per receiver on every link of its path', () => {
    const d = unicast(net, 0, group);
    expect(Array.from(d.copies)).toEqual([3, 2, 1, 3, 1, 1, 1]);
    expect(d.delay[1]).toBe(20 + 2 * ACCESS_DELAY);
    const m = metricsOf(net, d, 0, group);
    expect(m.maxStress).toBe(3);
    expect(m.rdp90).toBe(1);
  });

  it('IP multicast: each link at most once, same delays as unicast', () => {
    const d = ipMulticast(net, 0, group);
    expect(Array.from(d.copies)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    const u = unicast(net, 0, group);
    for (const m of [1, 2, 3]) expect(d.delay[m]).toBe(u.delay[m]);
    const m = metricsOf(net, d, 0, group);
    expect(m.maxStress).toBe(1);
    expect(m.resource).toBe(25 + 4 * ACCESS_DELAY);
  });

  it('IP multicast prunes branches without members', () => {
    const d = ipMulticast(net, 0, [0, 1]);
    expect(d.copies[2]).toBe(0);
    expect(d.copies[1]).toBe(1);
  });

  it('IP multicast scopes by TTL and link thresholds, as the ip-multicast model', () => {
    // TTL 3 reaches r2 (two hops) but not r3: the r1–r3 link needs a decremented TTL of 32.
    const small = ipMulticast(net, 0, group, 3);
    expect(small.delay[1]).toBeGreaterThan(0);
    expect(small.delay[3]).toBe(Infinity);
    expect(metricsOf(net, small, 0, group).reached).toBe(2);
    // TTL 1 stays on the source's router; TTL 0 reaches no one.
    expect(metricsOf(net, ipMulticast(net, 0, group, 1), 0, group).reached).toBe(0);
    expect(ipMulticast(net, 0, group, 0).forwarded).toBe(0);
    // r3 needs threshold 32 + its hop count 2 (as the model's `needed`): TTL 34.
    expect(metricsOf(net, ipMulticast(net, 0, group, 33), 0, group).reached).toBe(2);
    expect(metricsOf(net, ipMulticast(net, 0, group, 34), 0, group).reached).toBe(3);
  });

  it('overlay: a chain 0 → 3 → 1 → 2 crosses r1–r3 twice and pays a delay penalty', () => {
    const parent = [-1, 3, 1, 0];
    const d = overlay(net, 0, parent);
    // 0→3: access0, r0r1, r1r3, access3; 3→1: access3, r1r3, r1r2, access1; 1→2: access1, access2.
    expect(Array.from(d.copies)).toEqual([1, 1, 2, 1, 2, 1, 2]);
    expect(d.delay[1]).toBe(17 + 17);
    const m = metricsOf(net, d, 0, group);
    expect(m.maxStress).toBe(2);
    expect(m.rdpMedian).toBeCloseTo(34 / 22);
  });

  it('on a generated underlay IP multicast never puts two copies on a link', () => {
    const u = generate('waxman', 300, 4);
    const n = new Network(u, u.edge.slice(0, 40));
    const members = Array.from({ length: 40 }, (_, i) => i);
    const d = ipMulticast(n, 0, members);
    expect(Math.max(...d.copies)).toBe(1);
    expect(metricsOf(n, d, 0, members).reached).toBe(39);
  });

  it('quantiles by nearest rank', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
