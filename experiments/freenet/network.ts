/**
 * The network of Clarke et al. 2001, section 5: a ring lattice where node i knows nodes i±1 … i±k,
 * every node with the same datastore and routing-table capacities.
 */
import { locationOf } from '../../models/freenet/keys.ts';
import type { Neighbour } from '../../models/freenet/messages.ts';
import { freshContext, type FreenetContext } from '../../models/freenet/node.state.ts';

/** Size and shape of a simulated network. */
export interface NetworkShape {
  readonly nodes: number;
  /** Neighbours on each side in the ring lattice (the paper: 2). */
  readonly links: number;
  /** Datastore capacity (the paper: 50 items). */
  readonly capacity: number;
  /** Routing-table capacity (the paper: 250 entries; 0: neighbours only). */
  readonly routeCapacity: number;
}

/** Fresh node states of a ring lattice: correct nodes, empty stores and routing tables. */
export function buildNetwork(shape: NetworkShape): FreenetContext[] {
  const { nodes, links, capacity, routeCapacity } = shape;
  const locations = Array.from({ length: nodes }, (_, i) => locationOf(i));
  return locations.map((_, self) => {
    const neighbours: Neighbour[] = [];
    for (let d = 1; d <= links && 2 * d <= nodes; d++) {
      for (const node of new Set([(self + d) % nodes, (self - d + nodes) % nodes])) {
        if (node !== self) neighbours.push({ node, location: locations[node]! });
      }
    }
    return freshContext({ self, neighbours, capacity, routeCapacity, corrupt: false });
  });
}
