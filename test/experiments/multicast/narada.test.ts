import { describe, expect, it } from 'vitest';
import { firstHops, Mesh, NARADA_DEFAULTS } from '../../../experiments/multicast/narada.ts';
import { Rng } from '../../../experiments/rng.ts';
import { buildMesh, world } from '../../../experiments/multicast/trial.ts';

// Hosts on a line: the delay between a and b is |a − b| (plus 1).
const lineDelay = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) + 1);

function connected(mesh: Mesh): boolean {
  const members = mesh.members();
  const seen = new Set([members[0]!]);
  const stack = [members[0]!];
  while (stack.length > 0) {
    for (const n of mesh.neighbours(stack.pop()!)) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen.size === members.length;
}

describe('Narada mesh (simplified)', () => {
  it('joins link each member to the bootstrap members; refinement keeps degrees in bounds', () => {
    const mesh = new Mesh(40, lineDelay, new Rng(1));
    for (let h = 0; h < 40; h++) mesh.join(h);
    expect(connected(mesh)).toBe(true);
    mesh.refine();
    expect(connected(mesh)).toBe(true);
    expect(mesh.added).toBeGreaterThan(0);
    for (const m of mesh.members()) {
      expect(mesh.degree(m)).toBeLessThanOrEqual(NARADA_DEFAULTS.maxDegree + 2);
      expect(mesh.degree(m)).toBeGreaterThanOrEqual(1);
    }
  });

  it('refinement lowers the delay from the source (utility-driven adds)', () => {
    const w = world('waxman', 200, 64, 3, 0);
    const raw = buildMesh(w, 64, { ...NARADA_DEFAULTS, rounds: 0 });
    const refined = buildMesh(w, 64, NARADA_DEFAULTS);
    const total = (m: Mesh) => Array.from(m.routes(0).dist.slice(0, 64)).reduce((a, b) => a + b, 0);
    expect(total(refined)).toBeLessThan(total(raw));
  });

  it('the per-source tree spans the members without a loop', () => {
    const mesh = new Mesh(30, lineDelay, new Rng(2));
    for (let h = 0; h < 30; h++) mesh.join(h);
    mesh.refine(3);
    const parent = mesh.tree(0);
    for (let m = 1; m < 30; m++) {
      let x = m;
      for (let steps = 0; x !== 0; steps++) {
        expect(steps).toBeLessThan(30);
        x = parent[x]!;
        expect(x).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('a leave is repaired: the live members stay connected and the leaver has no link', () => {
    const mesh = new Mesh(30, lineDelay, new Rng(3));
    for (let h = 0; h < 30; h++) mesh.join(h);
    const rng = new Rng(9);
    for (let k = 0; k < 20; k++) {
      const members = mesh.members().filter((m) => m !== 0);
      const h = members[rng.int(members.length)]!;
      mesh.leave(h, 0);
      expect(mesh.isMember(h)).toBe(false);
      expect(mesh.degree(h)).toBe(0);
      expect(connected(mesh)).toBe(true);
    }
  });

  it('first hops: each node is reached through the root neighbour on its path', () => {
    const mesh = new Mesh(5, lineDelay, new Rng(4), { ...NARADA_DEFAULTS, joinLinks: 0 });
    for (let h = 0; h < 5; h++) mesh.join(h);
    // 0 – 1 – 2 – 3 and 0 – 4.
    for (const [a, b] of [
      [0, 1],
      [1, 2],
      [2, 3],
      [0, 4],
    ] as const) {
      mesh.link(a, b);
    }
    expect(Array.from(firstHops(mesh.routes(0)))).toEqual([-1, 1, 1, 1, 4]);
  });
});
