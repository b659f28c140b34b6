/**
 * The overlay multicast manifest: the seed's words, the message table, the file that checks each
 * property, and the bounded configurations with their pinned counts and shortest counterexamples.
 * Re-pin with `npx tsx scripts/pins.ts overlay-multicast` after a deliberate change.
 */
import type { Manifest } from '../kernel/manifest.ts';
import { PINS } from './pins.ts';

/** What overlay-multicast pins and documents. */
export const overlayMulticastManifest: Manifest = {
  seed: [
    {
      where: 'Broadcast and Multicast Communication: Multicast Overlays',
      text: 'Overlay routers are end hosts instead of IP-level routers; may use higher level protocols such as TCP between routers; can create virtual networks mapped onto the underlying Internet; packets go once over each link in the overlay, but may go many times of the same underlying link!',
    },
    {
      where: 'Broadcast and Multicast Communication: Multicast Overlays',
      text: 'ideally they are efficient, scaleable, self-repairing and attack proof; new nodes should be able to discover their local "routers"; nodes should be able to join / leave without disrupting the network',
    },
  ],
  messages: [
    { type: 'join', from: 'client', to: 'member', meaning: 'join the group (a dormant member)' },
    { type: 'leave', from: 'client', to: 'member', meaning: 'leave gracefully' },
    { type: 'crash', from: 'client', to: 'member', meaning: 'crash: stop silently, forever' },
    {
      type: 'multicast',
      from: 'client',
      to: 'member',
      meaning: 'the source sends a packet now (while membership changes)',
    },
    {
      type: 'Hello',
      from: 'member',
      to: 'bootstrap',
      meaning: 'a joiner asks for members to link to',
    },
    {
      type: 'Welcome',
      from: 'bootstrap',
      to: 'member',
      meaning: '`members`: the members the bootstrap node knows (maybe dead ones)',
    },
    {
      type: 'LinkRequest',
      from: 'member',
      to: 'member',
      meaning: 'asks for an overlay link (a joiner, the cheapest `degree` members; or a repair)',
    },
    {
      type: 'LinkAccept',
      from: 'member',
      to: 'member',
      meaning: 'the link is up; carries the acceptor’s `members`, `departed` and `routes`',
    },
    {
      type: 'Refresh',
      from: 'member',
      to: 'member',
      meaning:
        'Narada’s refresh: `members`, `departed` and the routing table (`routes`: cost and whole path per member), sent to every neighbour when any of them changes',
    },
    {
      type: 'Leave',
      from: 'member',
      to: 'member, bootstrap',
      meaning: 'the sender leaves: drop the link, and tell the others in the next refresh',
    },
    {
      type: 'Probe',
      from: 'member',
      to: 'member',
      meaning: 'liveness probe of a neighbour, when time passes',
    },
    { type: 'ProbeAck', from: 'member', to: 'member', meaning: 'the neighbour is alive' },
    {
      type: 'Data',
      from: 'member',
      to: 'member',
      meaning:
        'packet `seq` of source `src`: taken only from the next hop towards the source, passed to the neighbours whose next hop towards the source is the receiver',
    },
    {
      type: 'suspect',
      from: 'timer',
      to: 'member',
      meaning: 'a probed or asked member that has not answered is dead',
    },
    {
      type: 'refresh',
      from: 'timer',
      to: 'member',
      meaning: 'probe every neighbour (once: the periodic refresh, when time passes)',
    },
    {
      type: 'repair',
      from: 'timer',
      to: 'member',
      meaning:
        'no route to a member known to be live: ask the cheapest such member for a link (the lowest member of a cut-off part asks)',
    },
    {
      type: 'emit',
      from: 'timer',
      to: 'member',
      meaning: 'the source sends its next packet (one per unit of time)',
    },
  ],
  checkedBy: {
    'mesh-connected': 'properties/overlay-mesh.ts',
    'tree-spans-live': 'properties/overlay-mesh.ts',
    'loop-free-routes': 'properties/overlay-mesh.ts',
    'no-duplicate-packet': 'properties/overlay-delivery.ts',
    'no-backward-forwarding': 'properties/overlay-delivery.ts',
    'settled-delivery': 'properties/overlay-delivery.ts',
    'repair-happens': 'properties/overlay-mesh.ts',
    'delivery-after-crash': 'properties/overlay-delivery.ts',
  },
  configurations: PINS,
};
