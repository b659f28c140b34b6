import { describe, expect, it } from 'vitest';
import { edge } from '../../../models/publish-subscribe/edge.machine.ts';
import { publishSubscribeManifest } from '../../../models/publish-subscribe/manifest.ts';
import { publishSubscribeProtocol } from '../../../models/publish-subscribe/model.ts';
import { origin } from '../../../models/publish-subscribe/origin.machine.ts';
import { publisher } from '../../../models/publish-subscribe/publisher.machine.ts';
import { subscriber } from '../../../models/publish-subscribe/subscriber.machine.ts';
import { manifestTests } from '../../helpers/manifest.ts';

const protocol = publishSubscribeProtocol;
const BODY = ' (body)';

describe('the publish-subscribe manifest', () => {
  it('documents every event the four roles handle and every body a segment carries', () => {
    const types = publishSubscribeManifest.messages.map((m) => m.type);
    const handled = new Set([publisher, origin, edge, subscriber].flatMap((m) => m.events));
    expect(types.filter((t) => !t.endsWith(BODY)).sort()).toEqual([...handled].sort());
    expect(types.filter((t) => t.endsWith(BODY)).map((t) => t.slice(0, -BODY.length))).toEqual([
      'Publish',
      'Subscribe',
      'Unsubscribe',
      'Subscribed',
      'Unsubscribed',
      'Event',
    ]);
  });

  it('names the checker of every property, and pins every variant', () => {
    expect(Object.keys(publishSubscribeManifest.checkedBy)).toEqual(
      protocol.properties.map((p) => p.name),
    );
    for (const config of publishSubscribeManifest.configurations) {
      const pinned = [...config.pins, ...config.counterexamples].map((p) => p.variant);
      expect(pinned).toEqual(protocol.variants.map((v) => v.name));
    }
  });
});

// One publisher, one event, two edges, a subscriber that joins and leaves, one crash: explored
// fully in about a second, and each mutant's shortest trace there.
manifestTests(protocol, 'fast');
