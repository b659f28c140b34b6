/**
 * Honest cuts: a publish-subscribe acknowledgement says where in the topic's sequence the
 * subscription (`subscribed {topic, from}`) or unsubscription (`unsubscribed {topic, until}`) took
 * effect; subscription-delivery.ts checks deliveries against these cuts, and this property checks
 * the cuts against real time. The cut must lie between the request and its acknowledgement: every
 * event published (observed `sequence {topic, seq}` where publication takes effect) before the
 * request lies before the cut, and every event published after the acknowledgement lies after
 * it. So "took effect" means: no later than the acknowledgement the subscriber observes, and no
 * earlier than its request; events published before a join are never delivered to it, events
 * published while it is subscribed always are.
 */
import type { CheckedProperty, History, Verdict } from '../models/kernel/spec.ts';

/** Checks every acknowledged cut against the publications before its request and its answer. */
export function checkHonestCut(history: History): Verdict {
  const published = new Map<string, number>();
  const asked = new Map<string, number>();
  for (const o of history) {
    const topic = o['topic'];
    if (typeof topic !== 'string') continue;
    const count = published.get(topic) ?? 0;
    const key = `${o.node}/${topic}`;
    if (o.kind === 'sequence') {
      published.set(topic, count + 1);
    } else if (o.kind === 'subscribe' || o.kind === 'unsubscribe') {
      asked.set(`${o.kind}/${key}`, count);
    } else if (o.kind === 'subscribed' || o.kind === 'unsubscribed') {
      const cut = o.kind === 'subscribed' ? o['from'] : o['until'];
      const request = o.kind === 'subscribed' ? 'subscribe' : 'unsubscribe';
      const before = asked.get(`${request}/${key}`) ?? 0;
      if (typeof cut !== 'number' || cut < before || cut > count) {
        const what = o.kind === 'subscribed' ? 'subscription' : 'unsubscription';
        return {
          property: 'honest-cut',
          message:
            `node ${o.node}'s ${what} to ${topic} took effect at #${String(cut)}, but ${before} ` +
            `event(s) were published before its request and ${count} before its acknowledgement`,
          nodes: [o.node],
          messages: [topic],
        };
      }
    }
  }
  return null;
}

/**
 * Honest cut: each (un)subscription takes effect between its request and the acknowledgement the
 * subscriber observes, in the real-time order of publications.
 */
export const honestCut: CheckedProperty = {
  name: 'honest-cut',
  statement:
    'Each subscription and unsubscription takes effect between its request and its acknowledgement: no event published before a join is in its window, none published before a leave is left out.',
  kind: 'safety',
  scope: 'global',
  reads: ['sequence', 'subscribe', 'subscribed', 'unsubscribe', 'unsubscribed'],
  check: checkHonestCut,
};
