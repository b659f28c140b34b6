import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../../experiments/freenet/network.ts';
import { Simulator } from '../../../experiments/freenet/sim.ts';
import { keyOf } from '../../../models/freenet/keys.ts';
import { freshContext } from '../../../models/freenet/node.state.ts';

const shape = { links: 2, capacity: 5, routeCapacity: 10 };

describe('freenet simulator: the model node logic at scale', () => {
  it('finds an inserted key, and a failed node makes the request route around it', () => {
    const sim = Simulator.of(buildNetwork({ nodes: 30, ...shape }));
    const key = keyOf('chk:a');
    expect(sim.insert(0, key, 'a', '', 5)).toMatchObject({ ok: true });
    expect(sim.request(15, key, 100).ok).toBe(true);
    sim.alive[1] = 0;
    expect(sim.request(0, keyOf('chk:absent'), 3).ok).toBe(false);
    expect(sim.insert(3, keyOf('chk:b'), 'forged', '', 5).ok).toBe(false); // refused at its origin
  });

  it('lets a node join by announcing itself through a seed, as the model does', () => {
    const lattice = buildNetwork({ nodes: 30, ...shape });
    const outside = freshContext({ self: 30, neighbours: [], ...shape, corrupt: false });
    const sim = Simulator.of([...lattice, outside]);
    const key = keyOf('chk:a');
    sim.insert(0, key, 'a', '', 5);
    sim.join(30, 7, 4);
    const neighbours = sim.nodes[30]!.toContext().neighbours.map((n) => n.node);
    expect(neighbours).toContain(7);
    expect(neighbours.length).toBeGreaterThanOrEqual(2); // the seed and the nodes after it
    for (const n of neighbours) {
      expect(sim.nodes[n]!.toContext().neighbours.map((m) => m.node)).toContain(30);
    }
    expect(sim.request(30, key, 100).ok).toBe(true);
  });

  it('counts forward hops, backtracking included, and every message delivered', () => {
    const sim = Simulator.of(buildNetwork({ nodes: 30, ...shape }));
    const outcome = sim.request(0, keyOf('chk:absent'), 4);
    expect(outcome.ok).toBe(false);
    expect(outcome.hops).toBeGreaterThanOrEqual(3);
    expect(sim.delivered).toBeGreaterThan(outcome.hops);
  });

  it('leaves no pending entry and no seen id once the network is quiet', () => {
    const sim = Simulator.of(buildNetwork({ nodes: 40, ...shape }));
    for (let i = 0; i < 30; i++) {
      sim.insert(i, keyOf(`chk:d${i}`), `d${i}`, '', 6);
      sim.request((7 * i) % 40, keyOf(`chk:d${(3 * i) % (i + 1)}`), 6);
    }
    for (const node of sim.nodes) expect(node.toContext()).toMatchObject({ seen: [], pending: [] });
  });

  it('undoes a probe, and a fork shares nothing with the original', () => {
    const sim = Simulator.of(buildNetwork({ nodes: 40, ...shape }));
    for (let i = 0; i < 20; i++) sim.insert(i, keyOf(`chk:d${i}`), `d${i}`, '', 6);
    const states = () => sim.nodes.map((n) => n.toContext());
    const before = states();
    const probe = sim.probe(39, keyOf('chk:d3'), 50);
    expect(probe.ok).toBe(true);
    expect(states()).toEqual(before);
    const fork = sim.fork();
    expect(fork.request(39, keyOf('chk:d3'), 50)).toEqual(probe);
    expect(states()).toEqual(before);
    expect(fork.nodes.map((n) => n.toContext())).not.toEqual(before);
  });
});
