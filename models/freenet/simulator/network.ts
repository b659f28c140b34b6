/**
 * The network of Clarke et al. 2001, section 5: a ring lattice where node i knows nodes i±1 … i±k,
 * every node with the same datastore and routing-table capacity.
 */
import { locationOf } from '../keys.ts';
import type { Neighbour } from '../messages.ts';
import type { FreenetContext } from '../node.step.ts';

/** Size and shape of a simulated network. */
export interface NetworkShape {
  readonly nodes: number;
  /** Neighbours on each side in the ring lattice (the paper: 2). */
  readonly links: number;
  /** Datastore and routing-table capacity (the paper: 50 items, 250 routes; the model has one). */
  readonly capacity: number;
}

/** Fresh node states of a ring lattice: empty stores and routing tables. */
export function buildNetwork(shape: NetworkShape): FreenetContext[] {
  const { nodes, links, capacity } = shape;
  const locations = Array.from({ length: nodes }, (_, i) => locationOf(i));
  return locations.map((_, self) => {
    const neighbours: Neighbour[] = [];
    for (let d = 1; d <= links && 2 * d <= nodes; d++) {
      for (const node of new Set([(self + d) % nodes, (self - d + nodes) % nodes])) {
        if (node !== self) neighbours.push({ node, location: locations[node]! });
      }
    }
    return {
      self,
      neighbours,
      capacity,
      corrupt: false,
      store: [],
      routes: [],
      seen: [],
      pending: [],
    };
  });
}
