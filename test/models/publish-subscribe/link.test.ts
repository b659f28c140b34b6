import { describe, expect, it } from 'vitest';
import type { Effects } from '../../../models/kernel/step.ts';
import {
  NEW_LINK,
  takeAck,
  type Link,
  type LinkGuard,
  type LinkMessage,
} from '../../../models/publish-subscribe/link.ts';

/** Effects that record sends and answer the link's guard with `answers`. */
function recorder(answers: boolean) {
  const sent: { to: number | readonly number[]; msg: LinkMessage }[] = [];
  const out: Effects<LinkMessage, LinkGuard> = {
    send: (to, msg) => sent.push({ to, msg }),
    observe: () => {},
    check: () => answers,
  };
  return { sent, out };
}

// Node 0's links: it sent two bodies to node 1, which acknowledged the first; it took 3 from 1.
const body = { type: 'Publish' as const, topic: 'a', id: 'm1', k: 2 };
const links: Link[] = [NEW_LINK, { next: 3, acked: 1, unacked: [body], got: 3, tries: 1 }];

describe('takeAck', () => {
  it('takes a new acknowledgement and ignores an old one', () => {
    const { sent, out } = recorder(false);
    expect(takeAck(links, 1, 2, out)[1]).toEqual({ ...links[1], acked: 2, unacked: [], tries: 0 });
    expect(takeAck(links, 1, 1, out)[1]).toEqual(links[1]);
    expect(sent).toEqual([]);
  });

  it('answers an old acknowledgement with its own in the ack-storm variant, a new one never', () => {
    const { sent, out } = recorder(true);
    takeAck(links, 1, 1, out);
    takeAck(links, 1, 2, out);
    expect(sent).toEqual([{ to: 1, msg: { type: 'Ack', k: 3 } }]);
  });
});
