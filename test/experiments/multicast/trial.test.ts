import { describe, expect, it } from 'vitest';
import { buildMesh, churnPoint, growthPoint, world } from '../../../experiments/multicast/trial.ts';
import { NARADA_DEFAULTS } from '../../../experiments/multicast/narada.ts';

describe('multicast trial', () => {
  it('places hosts on edge routers, cycling when there are more hosts than edge routers', () => {
    const w = world('transit-stub', 100, 300, 1, 0);
    const edge = new Set(w.net.underlay.edge);
    expect(w.net.hostRouter).toHaveLength(300);
    expect(w.net.hostRouter.every((r) => edge.has(r))).toBe(true);
    expect(new Set(w.net.hostRouter.slice(0, edge.size)).size).toBe(edge.size);
  });

  it('a trial is reproducible and each trial draws its own underlay', () => {
    const a = growthPoint(world('waxman', 150, 20, 4, 0), 20, 255);
    expect(growthPoint(world('waxman', 150, 20, 4, 0), 20, 255)).toEqual(a);
    expect(world('waxman', 150, 20, 4, 1).net.underlay.links).not.toEqual(
      world('waxman', 150, 20, 4, 0).net.underlay.links,
    );
  });

  it('refinement trades a little stress for delay: RDP drops below the bootstrap mesh', () => {
    const w = world('waxman', 300, 64, 2, 0);
    const raw = growthPoint(w, 64, 255, { ...NARADA_DEFAULTS, rounds: 0 });
    const refined = growthPoint(w, 64, 255);
    expect(refined.overlay.rdp90).toBeLessThan(raw.overlay.rdp90);
    expect(refined.overlay.maxStress).toBeLessThan(refined.unicast.maxStress);
  });

  it('churn keeps the group size and every member reached, before and after refinement', () => {
    const w = world('transit-stub', 200, 48, 3, 0);
    const c = churnPoint(w, 32, 0.5, 2, 255);
    for (const g of [c.repaired, c.refined]) {
      expect(g.overlay.receivers).toBe(31);
      expect(g.overlay.reached).toBe(31);
      expect(g.ip.reached).toBe(31);
    }
    const mesh = buildMesh(w, 32, NARADA_DEFAULTS);
    expect(mesh.members()).toHaveLength(32);
  });
});
