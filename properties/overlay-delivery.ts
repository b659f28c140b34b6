/**
 * Delivery properties of an overlay multicast, over histories of these observations (with the
 * membership and tree observations of overlay-mesh.ts):
 * - the source's `send {src, seq}`; a member's `deliver {src, seq}`;
 * - `forward {src, seq, from, to}`: a member sent a copy to overlay neighbour `to`, having taken
 *   it from `from` (the source itself when it originates the packet).
 *
 * A packet is sent once the group has **settled** when no membership or forwarding change is
 * observed after its send: no `tree`, `link`, `unlink`, `joining`, `joined`, `left`, `crashed` or
 * `dead`. It then travels the final tree, which `tree-spans-live` checks, so it must reach every
 * live member.
 */
import type {
  CheckedProperty,
  History,
  Observation,
  SometimesProperty,
  Verdict,
} from '../models/kernel/spec.ts';
import { liveMembers } from './overlay-mesh.ts';

const num = (o: Observation, key: string): number => Number(o[key]);
const packet = (o: Observation) => `${num(o, 'src')}:${num(o, 'seq')}`;

/** The observation kinds that change membership or forwarding state (see "settled"). */
export const CHANGES = ['tree', 'link', 'unlink', 'joining', 'joined', 'left', 'crashed', 'dead'];

/** No member delivers a packet twice. */
export function checkNoDuplicatePacket(history: History): Verdict {
  const seen = new Set<string>();
  for (const o of history) {
    if (o.kind !== 'deliver') continue;
    const key = `${o.node}|${packet(o)}`;
    if (seen.has(key)) {
      return {
        property: 'no-duplicate-packet',
        message: `member ${o.node} delivered ${packet(o)} twice`,
        nodes: [o.node],
        messages: [packet(o)],
      };
    }
    seen.add(key);
  }
  return null;
}

/** No duplicate delivery: every member delivers each packet at most once, ever. */
export const noDuplicatePacket: CheckedProperty = {
  name: 'no-duplicate-packet',
  statement: 'No member ever delivers a packet twice.',
  kind: 'safety',
  check: checkNoDuplicatePacket,
};

/** No member forwards a packet back to the neighbour it took it from. */
export function checkNoBackwardForwarding(history: History): Verdict {
  for (const o of history) {
    if (o.kind === 'forward' && num(o, 'to') === num(o, 'from')) {
      return {
        property: 'no-backward-forwarding',
        message: `member ${o.node} sent ${packet(o)} back to ${num(o, 'from')}, which it came from`,
        nodes: [o.node, num(o, 'from')],
        messages: [packet(o)],
      };
    }
  }
  return null;
}

/** No backward forwarding: a copy never goes back to the neighbour it came from. */
export const noBackwardForwarding: CheckedProperty = {
  name: 'no-backward-forwarding',
  statement: 'A member never forwards a packet back to the neighbour it came from.',
  kind: 'safety',
  check: checkNoBackwardForwarding,
};

/** The packets sent once the group had settled (no change observed after the send). */
export function settledPackets(history: History): string[] {
  let last = -1;
  history.forEach((o, i) => {
    if (CHANGES.includes(o.kind)) last = i;
  });
  return history.flatMap((o, i) => (o.kind === 'send' && i > last ? [packet(o)] : []));
}

/**
 * At quiescence, every packet sent once the group had settled was delivered by every live member
 * (exactly once: duplicates are `no-duplicate-packet`'s).
 */
export function checkSettledDelivery(history: History): Verdict {
  const live = liveMembers(history);
  for (const p of settledPackets(history)) {
    for (const m of live) {
      if (!history.some((o) => o.kind === 'deliver' && o.node === m && packet(o) === p)) {
        return {
          property: 'settled-delivery',
          message: `live member ${m} never delivered ${p}, sent after the group had settled`,
          nodes: [m],
          messages: [p],
        };
      }
    }
  }
  return null;
}

/**
 * Settled delivery: a packet sent after the last change reaches every live member. Checked at
 * quiescence and, as a liveness property (`send ~> deliver` at every live member, for a settled
 * packet), on every fair cycle: a run that goes round forever with no change observed after the
 * send (a crash nobody detects, say) must not leave the packet owed.
 */
export const settledDelivery: CheckedProperty = {
  name: 'settled-delivery',
  statement:
    'Every packet sent after the last membership or tree change is eventually delivered by every live member (at quiescence, and on every fair cycle).',
  kind: 'quiescence',
  liveness: true,
  scope: 'global',
  reads: ['send', ...CHANGES],
  check: checkSettledDelivery,
};

/**
 * Whether a packet sent after a member crashed and was declared dead has been delivered by every
 * member live now.
 */
export function reachedDeliveryAfterCrash(history: History): boolean {
  const crashed = history.findIndex((o) => o.kind === 'crashed');
  const dead = history.findIndex((o, i) => i > crashed && o.kind === 'dead');
  if (crashed < 0 || dead < 0) return false;
  const live = liveMembers(history);
  return history.some(
    (s, i) =>
      i > dead &&
      s.kind === 'send' &&
      live.every((m) =>
        history.some((o) => o.kind === 'deliver' && o.node === m && packet(o) === packet(s)),
      ),
  );
}

/** Delivery after a crash: some run delivers a packet to every live member after a crash. */
export const deliveryAfterCrash: SometimesProperty = {
  name: 'delivery-after-crash',
  statement: 'Some run delivers a packet sent after a crash was detected to every live member.',
  kind: 'sometimes',
  scope: 'global',
  reads: ['send', ...CHANGES],
  reached: reachedDeliveryAfterCrash,
};
