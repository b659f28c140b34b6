/**
 * The publish-subscribe manifest: the seed's words, the message table, the file that checks each
 * property, and the bounded configuration with its pinned counts and shortest counterexamples.
 * Re-pin with `npx tsx scripts/pins.ts publish-subscribe` after a deliberate change.
 */
import type { Manifest } from '../kernel/manifest.ts';

/** What publish-subscribe pins and documents. */
export const publishSubscribeManifest: Manifest = {
  seed: [
    {
      where: 'Publish-subscribe architecture',
      text:
        'clients subscribe to a service and join a group; servers "push" results to the group; ' +
        'example content distribution networks (CDNs)',
    },
  ],
  messages: [
    {
      type: 'publish',
      from: 'client',
      to: 'publisher',
      meaning: '`topic`, `id`: publish event `id` on `topic`',
    },
    {
      type: 'subscribe',
      from: 'client',
      to: 'subscriber',
      meaning: "`topic`: join the topic's group",
    },
    {
      type: 'unsubscribe',
      from: 'client',
      to: 'subscriber',
      meaning: "`topic`: leave the topic's group",
    },
    {
      type: 'Seg',
      from: 'any',
      to: 'any',
      meaning:
        'link segment `k` carrying `body` (one of the bodies below), kept by its sender until acknowledged and resent on its timer',
    },
    {
      type: 'Ack',
      from: 'any',
      to: 'any',
      meaning: '"I have taken your segments up to `k`" (cumulative)',
    },
    {
      type: 'timeout',
      from: 'timer',
      to: 'any',
      meaning:
        'resend every unacknowledged segment; a subscriber whose edge stayed silent for `patience` resends fails over to the next edge instead',
    },
    {
      type: 'Publish (body)',
      from: 'publisher',
      to: 'origin',
      meaning:
        "event `id` on `topic`, the publisher's `k`-th; the origin numbers it in the topic (`seq`) and observes `sequence`",
    },
    {
      type: 'Subscribe (body)',
      from: 'subscriber, edge',
      to: 'edge, origin',
      meaning:
        "subscribe to `topic` (`resume` null), or re-attach from cut `resume` after a fail-over; `epoch` numbers the subscriber's attachments (the origin ignores an older one); the edge adds `sub` and `have`, what it caches",
    },
    {
      type: 'Unsubscribe (body)',
      from: 'subscriber, edge',
      to: 'edge, origin',
      meaning: 'leave `topic` (with `epoch`; the edge adds `sub`)',
    },
    {
      type: 'Subscribed (body)',
      from: 'origin, edge',
      to: 'edge, subscriber',
      meaning:
        'the subscription took effect at cut `from`: every event of the topic numbered `from` or later, none before; the edge relays it, then the cached events from the cut',
    },
    {
      type: 'Unsubscribed (body)',
      from: 'origin, edge',
      to: 'edge, subscriber',
      meaning:
        'the unsubscription took effect at cut `until`: every event below it, none from it on',
    },
    {
      type: 'Event (body)',
      from: 'origin, edge',
      to: 'edge, subscriber',
      meaning:
        'event `event` (`id`, `topic`, `seq`, `publisher`, `k`), to the edges with a subscriber to its topic and from them to those subscribers',
    },
  ],
  checkedBy: {
    'delivery-window': 'properties/subscription-delivery.ts',
    'no-duplicate-delivery': 'properties/subscription-delivery.ts',
    'fifo-per-publisher': 'properties/subscription-delivery.ts',
    'honest-cut': 'properties/subscription-cut.ts',
    'eventual-delivery': 'properties/subscription-liveness.ts',
    'fail-over-delivers': 'properties/subscription-liveness.ts',
  },
  configurations: [
    {
      nodes: 1,
      description:
        'one publisher, the origin, two edges, one subscriber that subscribes to topic a and unsubscribes, one event published on a, one crash (any node), no loss',
      tier: 'fast',
      pins: [
        {
          variant: 'cdn-tree',
          distinct: 50608,
          transitions: 150238,
          depth: 39,
          witnesses: { 'fail-over-delivers': 20 },
        },
      ],
      counterexamples: [
        {
          variant: 'no-dedup-after-failover',
          property: 'no-duplicate-delivery',
          why: "s0 delivered m0 from e0; e0 crashes while s0's unsubscription waits for it; s0 fails over to e1, which replays the window from the cut, and s0 delivers m0 again",
          actions: [
            'p0 ← client publish{id:"m0",topic:"a"}',
            's0 ← client subscribe{topic:"a"}',
            's0 → e0  Seg{body:{"epoch":0,"resume":null,"topic":"a","type":"Subscribe"},k:1}',
            'e0 → o  Seg{body:{"epoch":0,"have":0,"resume":null,"sub":4,"topic":"a","type":"Subscribe"},k:1}',
            'p0 → o  Seg{body:{"id":"m0","k":1,"topic":"a","type":"Publish"},k:1}',
            'o → p0  Ack{k:1}',
            'o → e0  Seg{body:{"epoch":0,"from":0,"sub":4,"topic":"a","type":"Subscribed"},k:1}',
            'o → e0  Ack{k:1}',
            'o → e0  Seg{body:{"event":{"id":"m0","k":1,"publisher":0,"seq":0,"topic":"a"},"type":"Event"},k:2}',
            'e0 → o  Ack{k:1}',
            'e0 → o  Ack{k:2}',
            'e0 → s0  Ack{k:1}',
            'e0 → s0  Seg{body:{"epoch":0,"from":0,"topic":"a","type":"Subscribed"},k:1}',
            'e0 → s0  Seg{body:{"event":{"id":"m0","k":1,"publisher":0,"seq":0,"topic":"a"},"type":"Event"},k:2}',
            's0 ← client unsubscribe{topic:"a"}',
            'crash e0',
            'timers expire',
            's0 → e1  Seg{body:{"epoch":1,"resume":0,"topic":"a","type":"Subscribe"},k:1}',
            'e1 → o  Seg{body:{"epoch":1,"have":0,"resume":0,"sub":4,"topic":"a","type":"Subscribe"},k:1}',
            'o → e1  Seg{body:{"event":{"id":"m0","k":1,"publisher":0,"seq":0,"topic":"a"},"type":"Event"},k:1}',
            'o → e1  Seg{body:{"epoch":1,"from":0,"sub":4,"topic":"a","type":"Subscribed"},k:2}',
            'e1 → s0  Ack{k:1}',
            'e1 → s0  Seg{body:{"epoch":1,"from":0,"topic":"a","type":"Subscribed"},k:1}',
            'e1 → s0  Seg{body:{"event":{"id":"m0","k":1,"publisher":0,"seq":0,"topic":"a"},"type":"Event"},k:2}',
          ],
        },
        {
          variant: 'unsubscribe-edge-only',
          property: 'honest-cut',
          why: 'm0 is published (sequenced at the origin) before s0 asks to leave, but e0, answering the unsubscription itself, gives the cut of its own cache, where m0 has not arrived',
          actions: [
            'p0 ← client publish{id:"m0",topic:"a"}',
            's0 ← client subscribe{topic:"a"}',
            's0 → e0  Seg{body:{"epoch":0,"resume":null,"topic":"a","type":"Subscribe"},k:1}',
            'e0 → o  Seg{body:{"epoch":0,"have":0,"resume":null,"sub":4,"topic":"a","type":"Subscribe"},k:1}',
            'p0 → o  Seg{body:{"id":"m0","k":1,"topic":"a","type":"Publish"},k:1}',
            'o → e0  Seg{body:{"epoch":0,"from":0,"sub":4,"topic":"a","type":"Subscribed"},k:1}',
            'e0 → s0  Ack{k:1}',
            's0 ← client unsubscribe{topic:"a"}',
            'e0 → s0  Seg{body:{"epoch":0,"from":0,"topic":"a","type":"Subscribed"},k:1}',
            's0 → e0  Seg{body:{"epoch":0,"topic":"a","type":"Unsubscribe"},k:2}',
            'e0 → s0  Seg{body:{"epoch":0,"topic":"a","type":"Unsubscribed","until":0},k:2}',
          ],
        },
        {
          variant: 'unsubscribe-edge-first',
          property: 'eventual-delivery',
          why: "m0 reaches e0 after s0's unsubscription passed; e0 no longer relays it, yet the origin's cut (#1) says the window holds it",
          actions: [
            'p0 ← client publish{id:"m0",topic:"a"}',
            's0 ← client subscribe{topic:"a"}',
            's0 → e0  Seg{body:{"epoch":0,"resume":null,"topic":"a","type":"Subscribe"},k:1}',
            'e0 → o  Seg{body:{"epoch":0,"have":0,"resume":null,"sub":4,"topic":"a","type":"Subscribe"},k:1}',
            'p0 → o  Seg{body:{"id":"m0","k":1,"topic":"a","type":"Publish"},k:1}',
            'o → p0  Ack{k:1}',
            'o → e0  Seg{body:{"epoch":0,"from":0,"sub":4,"topic":"a","type":"Subscribed"},k:1}',
            'o → e0  Ack{k:1}',
            'e0 → o  Ack{k:1}',
            'e0 → s0  Ack{k:1}',
            'e0 → s0  Seg{body:{"epoch":0,"from":0,"topic":"a","type":"Subscribed"},k:1}',
            's0 → e0  Ack{k:1}',
            's0 ← client unsubscribe{topic:"a"}',
            's0 → e0  Seg{body:{"epoch":0,"topic":"a","type":"Unsubscribe"},k:2}',
            'o → e0  Seg{body:{"event":{"id":"m0","k":1,"publisher":0,"seq":0,"topic":"a"},"type":"Event"},k:2}',
            'e0 → o  Seg{body:{"epoch":0,"sub":4,"topic":"a","type":"Unsubscribe"},k:2}',
            'o → e0  Seg{body:{"epoch":0,"sub":4,"topic":"a","type":"Unsubscribed","until":1},k:3}',
            'o → e0  Ack{k:2}',
            'e0 → o  Ack{k:2}',
            'e0 → o  Ack{k:3}',
            'e0 → s0  Ack{k:2}',
            'e0 → s0  Seg{body:{"epoch":0,"topic":"a","type":"Unsubscribed","until":1},k:2}',
            's0 → e0  Ack{k:2}',
          ],
        },
        {
          variant: 'join-replays-cache',
          property: 'honest-cut',
          why: 'm0 is published before s0 subscribes; e0 serves the new subscriber from the start of its cache and says the subscription took effect at #0',
          actions: [
            'p0 ← client publish{id:"m0",topic:"a"}',
            'p0 → o  Seg{body:{"id":"m0","k":1,"topic":"a","type":"Publish"},k:1}',
            's0 ← client subscribe{topic:"a"}',
            's0 → e0  Seg{body:{"epoch":0,"resume":null,"topic":"a","type":"Subscribe"},k:1}',
            'e0 → o  Seg{body:{"epoch":0,"have":0,"resume":null,"sub":4,"topic":"a","type":"Subscribe"},k:1}',
            'o → e0  Seg{body:{"event":{"id":"m0","k":1,"publisher":0,"seq":0,"topic":"a"},"type":"Event"},k:1}',
            'o → e0  Seg{body:{"epoch":0,"from":1,"sub":4,"topic":"a","type":"Subscribed"},k:2}',
            'e0 → s0  Ack{k:1}',
            'e0 → s0  Seg{body:{"epoch":0,"from":0,"topic":"a","type":"Subscribed"},k:1}',
          ],
        },
        {
          variant: 'ack-storm',
          property: 'eventual-delivery',
          why: "in its own configuration (a loss instead of the leave: `lossyBounded`): the origin's Subscribed to e0 is lost and its next segment (m0) arrives after the gap; e0 answers with its old acknowledgement (k 0), the origin answers that old acknowledgement with its own, and so on: steps 11-12 repeat forever, time never passes, the lost Subscribed is never resent and s0's subscription is never acknowledged",
          shows: 'forever: steps 11-12 repeat',
          actions: [
            'p0 ← client publish{id:"m0",topic:"a"}',
            's0 ← client subscribe{topic:"a"}',
            's0 → e0  Seg{body:{"epoch":0,"resume":null,"topic":"a","type":"Subscribe"},k:1}',
            'e0 → o  Seg{body:{"epoch":0,"have":0,"resume":null,"sub":4,"topic":"a","type":"Subscribe"},k:1}',
            'p0 → o  Seg{body:{"id":"m0","k":1,"topic":"a","type":"Publish"},k:1}',
            'o → p0  Ack{k:1}',
            'e0 → s0  Ack{k:1}',
            'drop o → e0  Seg{body:{"epoch":0,"from":0,"sub":4,"topic":"a","type":"Subscribed"},k:1}',
            'o → e0  Ack{k:1}',
            'o → e0  Seg{body:{"event":{"id":"m0","k":1,"publisher":0,"seq":0,"topic":"a"},"type":"Event"},k:2}',
            'e0 → o  Ack{k:0}',
            'o → e0  Ack{k:1}',
          ],
        },
      ],
    },
  ],
};
