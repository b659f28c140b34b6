/**
 * Properties of network-layer multicast delivery (IP multicast with reverse-path forwarding),
 * over histories of these observations:
 * - a source host's `send {pkt, group, ttl}`;
 * - a router's `forward {pkt, to}` (a copy sent over a link to a router or onto a host's subnet),
 *   `arrive {pkt, from}` (a copy received), `member {host, need}` / `nonmember {host}` (a host's
 *   membership is effective at its router / ended), `prune {child}` and `graft {child}` (processed);
 * - a host's `joinGroup` / `leaveGroup`, `deliver {pkt, group, need}` and `discard {pkt}`, where
 *   `need` is the TTL a packet from the source needs to reach its subnet.
 * A link-local group (224.0.0.x) has the scope of TTL 1, whatever its packets' TTL.
 */
import type {
  History,
  Observation,
  CheckedProperty,
  SometimesProperty,
  Verdict,
} from '../models/kernel/spec.ts';

/** A packet's send: its group and TTL. */
interface Sent {
  readonly index: number;
  readonly group: string;
  readonly ttl: number;
}

const str = (o: Observation, key: string): string => String(o[key]);
const num = (o: Observation, key: string): number => Number(o[key]);

/** The sends of a history, by packet id. */
function sends(history: History): Map<string, Sent> {
  const out = new Map<string, Sent>();
  history.forEach((o, index) => {
    if (o.kind === 'send')
      out.set(str(o, 'pkt'), { index, group: str(o, 'group'), ttl: num(o, 'ttl') });
  });
  return out;
}

/** The TTL that scopes a packet: its own, or 1 for a link-local group (224.0.0.x). */
export function effectiveTtl(group: string, ttl: number): number {
  return group.startsWith('224.0.0.') ? Math.min(ttl, 1) : ttl;
}

const violation = (property: string, message: string, nodes: number[], messages: string[]) => ({
  property,
  message,
  nodes,
  messages,
});

/**
 * Each copy of a packet crosses each link at most once (in either direction), and no host
 * delivers a packet twice.
 */
export function checkLinkOnce(history: History): Verdict {
  const crossed = new Set<string>();
  const delivered = new Set<string>();
  for (const o of history) {
    if (o.kind === 'forward') {
      const pkt = str(o, 'pkt');
      const to = num(o, 'to');
      const key = `${pkt}|${Math.min(o.node, to)}|${Math.max(o.node, to)}`;
      if (crossed.has(key)) {
        return violation(
          'link-once',
          `${pkt} crossed the link ${o.node}–${to} twice`,
          [o.node, to],
          [pkt],
        );
      }
      crossed.add(key);
    } else if (o.kind === 'deliver') {
      const key = `${str(o, 'pkt')}|${o.node}`;
      if (delivered.has(key)) {
        return violation(
          'link-once',
          `host ${o.node} delivered ${str(o, 'pkt')} twice`,
          [o.node],
          [str(o, 'pkt')],
        );
      }
      delivered.add(key);
    }
  }
  return null;
}

/** Link-once: each packet crosses each link at most once, and is delivered at most once per host. */
export const linkOnce: CheckedProperty = {
  name: 'link-once',
  statement: 'Each packet crosses each link at most once, and no host delivers a packet twice.',
  kind: 'safety',
  check: checkLinkOnce,
};

/**
 * A host delivers a packet only while it has joined the group (its last `joinGroup` / `leaveGroup`
 * is a join), only for that group, and only within the packet's scope (`need` ≤ its TTL, 1 for a
 * link-local group).
 */
export function checkScopedDelivery(history: History): Verdict {
  const sent = sends(history);
  const joined = new Map<number, boolean>();
  for (const o of history) {
    if (o.kind === 'joinGroup') joined.set(o.node, true);
    if (o.kind === 'leaveGroup') joined.set(o.node, false);
    if (o.kind !== 'deliver') continue;
    const pkt = str(o, 'pkt');
    if (joined.get(o.node) !== true) {
      return violation(
        'scoped-delivery',
        `host ${o.node} delivered ${pkt} without being joined`,
        [o.node],
        [pkt],
      );
    }
    const s = sent.get(pkt);
    if (s === undefined) {
      return violation(
        'scoped-delivery',
        `host ${o.node} delivered ${pkt}, which nobody sent`,
        [o.node],
        [pkt],
      );
    }
    const ttl = effectiveTtl(s.group, s.ttl);
    if (num(o, 'need') > ttl) {
      return violation(
        'scoped-delivery',
        `host ${o.node} delivered ${pkt} (group ${s.group}, TTL ${s.ttl}) outside its scope: it needs TTL ${num(o, 'need')}`,
        [o.node],
        [pkt],
      );
    }
  }
  return null;
}

/** Scoped delivery: only joined hosts within the packet's TTL scope deliver it. */
export const scopedDelivery: CheckedProperty = {
  name: 'scoped-delivery',
  statement:
    'A host delivers a packet only while joined to its group and within its TTL scope (TTL 1 for 224.0.0.x).',
  kind: 'safety',
  check: checkScopedDelivery,
};

/**
 * A router that processed a child's prune (and no later graft from it) forwards nothing more to
 * that child.
 */
export function checkPrunedBranchSilent(history: History): Verdict {
  const pruned = new Set<string>();
  for (const o of history) {
    if (o.kind === 'prune') pruned.add(`${o.node}|${num(o, 'child')}`);
    if (o.kind === 'graft') pruned.delete(`${o.node}|${num(o, 'child')}`);
    if (o.kind === 'forward' && pruned.has(`${o.node}|${num(o, 'to')}`)) {
      return violation(
        'pruned-branch-silent',
        `router ${o.node} forwarded ${str(o, 'pkt')} to ${num(o, 'to')} after processing its prune`,
        [o.node, num(o, 'to')],
        [str(o, 'pkt')],
      );
    }
  }
  return null;
}

/** Pruned branch silent: no traffic down a branch once its prune is processed (until a graft). */
export const prunedBranchSilent: CheckedProperty = {
  name: 'pruned-branch-silent',
  statement:
    'Once a router processes a prune from a child, it forwards nothing to it until a graft.',
  kind: 'safety',
  check: checkPrunedBranchSilent,
};

/**
 * Whether some copy of `pkt` was sent and never received (lost), in a history at quiescence: the
 * source's send with no `arrive` from it, or more `forward`s from a node to another than copies
 * received there (`arrive` from it at a router; `deliver` or `discard` at a host, which has one
 * router).
 */
export function lostCopy(history: History, pkt: string): boolean {
  const mine = history.filter((o) => o['pkt'] === pkt);
  const count = (test: (o: Observation) => boolean) => mine.filter(test).length;
  for (const o of mine) {
    const from = o.node;
    if (o.kind === 'send' && num(o, 'ttl') >= 1) {
      if (count((a) => a.kind === 'arrive' && num(a, 'from') === from) === 0) return true;
    }
    if (o.kind !== 'forward') continue;
    const to = num(o, 'to');
    const sentCopies = count((f) => f.kind === 'forward' && f.node === from && num(f, 'to') === to);
    const received = count(
      (a) =>
        a.node === to &&
        ((a.kind === 'arrive' && num(a, 'from') === from) ||
          a.kind === 'deliver' ||
          a.kind === 'discard'),
    );
    if (received < sentCopies) return true;
  }
  return false;
}

/**
 * The members a packet must reach, joined for the whole transmission: hosts whose membership was
 * effective at their router (`member`, not ended by a `nonmember`) and who had joined themselves
 * (last `joinGroup` / `leaveGroup` a join) when the packet was sent, that never left afterwards
 * (no `nonmember`, no `leaveGroup`), and whose `need` is within the packet's scope.
 */
export function owedMembers(history: History, pkt: string): number[] {
  const sent = sends(history).get(pkt);
  if (sent === undefined) return [];
  const effective = new Set<number>();
  const joined = new Set<number>();
  const left = new Set<number>();
  history.forEach((o, index) => {
    const host = o.kind === 'member' || o.kind === 'nonmember' ? num(o, 'host') : o.node;
    if (index < sent.index) {
      if (o.kind === 'member' && num(o, 'need') <= effectiveTtl(sent.group, sent.ttl)) {
        effective.add(host);
      }
      if (o.kind === 'nonmember') effective.delete(host);
      if (o.kind === 'joinGroup') joined.add(host);
      if (o.kind === 'leaveGroup') joined.delete(host);
    } else if (o.kind === 'nonmember' || o.kind === 'leaveGroup') left.add(host);
  });
  return [...effective].filter((h) => joined.has(h) && !left.has(h)).sort((a, b) => a - b);
}

/**
 * At quiescence, every packet no copy of which was lost is delivered to every member it is owed
 * to (see `owedMembers`).
 */
export function checkMemberDelivery(history: History): Verdict {
  for (const [pkt] of sends(history)) {
    if (lostCopy(history, pkt)) continue;
    for (const h of owedMembers(history, pkt)) {
      if (!history.some((o) => o.kind === 'deliver' && o.node === h && o['pkt'] === pkt)) {
        return violation('member-delivery', `member ${h} never delivered ${pkt}`, [h], [pkt]);
      }
    }
  }
  return null;
}

/**
 * Member delivery: without loss, every member joined for the whole transmission gets the packet.
 * Checked at quiescence and, as a liveness property (`send ~> deliver` at every owed member), on
 * every fair cycle (a fair cycle delivers every copy in flight, and a delivery is observed, so
 * none is in flight there: what `lostCopy` excuses on a cycle was truly lost), so a run that goes
 * round forever must not leave an owed member without the packet.
 */
export const memberDelivery: CheckedProperty = {
  name: 'member-delivery',
  statement:
    'Every packet none of whose copies was lost eventually reaches every member in scope joined for the whole transmission (at quiescence, and on every fair cycle).',
  kind: 'quiescence',
  liveness: true,
  scope: 'global',
  reads: ['send', 'member', 'nonmember', 'joinGroup', 'leaveGroup'],
  check: checkMemberDelivery,
};

/**
 * Whether a member missed a packet: it was owed `p` and delivered a packet sent after `p`, but
 * not `p` (on FIFO links, only a loss does that).
 */
export function reachedLossMiss(history: History): boolean {
  const sent = [...sends(history)].sort((a, b) => a[1].index - b[1].index);
  for (let i = 0; i < sent.length; i++) {
    const [p] = sent[i]!;
    for (const h of owedMembers(history, p)) {
      const got = (pkt: string) =>
        history.some((o) => o.kind === 'deliver' && o.node === h && o['pkt'] === pkt);
      if (got(p)) continue;
      if (sent.slice(i + 1).some(([q]) => got(q))) return true;
    }
  }
  return false;
}

/** Loss misses a packet: IP multicast is not reliable; a lost copy leaves a member without it. */
export const lossMissesPacket: SometimesProperty = {
  name: 'loss-misses-packet',
  statement:
    'Some run loses a copy so that a member misses a packet while delivering a later one (IP multicast is not reliable).',
  kind: 'sometimes',
  scope: 'global',
  reads: ['send', 'member', 'nonmember', 'joinGroup', 'leaveGroup'],
  reached: reachedLossMiss,
};
