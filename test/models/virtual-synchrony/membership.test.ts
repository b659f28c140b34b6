import { describe, expect, it } from 'vitest';
import { RecordedEffects } from '../../../models/kernel/step.ts';
import {
  adoptedProposal,
  agreedDeliveries,
  awaitedAcceptors,
  awaitedInView,
  awaitedWhileFlushing,
  coordinatorOf,
  expectedMembers,
  hasReason,
  installView,
  isMajority,
  missingAcceptances,
  missingReports,
  newcomers,
  nextBallot,
  sendMulticast,
  sequencerOf,
  shouldCoordinate,
  type FlushReport,
  type MemberContext,
  type MemberGuard,
} from '../../../models/virtual-synchrony/membership.ts';
import type { MemberMessage } from '../../../models/virtual-synchrony/messages.ts';

/** Member `self` of view 0 = {0, 1, 2} in a 4-node configuration, nothing happened yet. */
function member(self: number, changes: Partial<MemberContext> = {}): MemberContext {
  return {
    self,
    n: 4,
    view: { id: 0, members: [0, 1, 2] },
    delivered: [],
    pending: [],
    queued: [],
    suspected: [],
    departed: [-1, -1, -1, -1],
    joins: [],
    promised: -1,
    accepted: null,
    ballot: null,
    ...changes,
  };
}

const report = (from: number, delivered: string[], pending: string[] = []): FlushReport => ({
  from,
  delivered,
  pending,
  accepted: null,
});

describe('who sequences, coordinates and is expected', () => {
  it('makes the lowest member the sequencer', () => {
    expect(sequencerOf({ id: 3, members: [1, 4, 6] })).toBe(1);
  });

  it('makes the lowest member neither suspected nor departed the coordinator', () => {
    expect(coordinatorOf(member(2))).toBe(0);
    expect(coordinatorOf(member(2, { suspected: [0] }))).toBe(1);
    expect(coordinatorOf(member(2, { suspected: [0], departed: [-1, 0, -1, -1] }))).toBe(2);
  });

  it('reads a departure from an older view as a past incarnation, not as this view`s', () => {
    const c = member(0, { view: { id: 2, members: [0, 1, 2] }, departed: [-1, 1, 2, -1] });
    expect(expectedMembers(c)).toEqual([0, 1]);
  });

  it('expects no flush from a node that asked to join again: it is admitted as a newcomer', () => {
    const c = member(0, { departed: [-1, 0, -1, -1], joins: [1, 3] });
    expect(expectedMembers(c)).toEqual([0, 2]);
    expect(newcomers(c)).toEqual([1, 3]);
  });

  it('sees a reason to change the view in a suspicion, a departure or a join request', () => {
    expect(hasReason(member(0))).toBe(false);
    expect(hasReason(member(0, { suspected: [2] }))).toBe(true);
    expect(hasReason(member(0, { departed: [-1, -1, 0, -1] }))).toBe(true);
    expect(hasReason(member(0, { joins: [3] }))).toBe(true);
  });
});

describe('when to coordinate', () => {
  it('starts a view change when it is the coordinator with a reason', () => {
    expect(shouldCoordinate(member(0, { joins: [3] }))).toBe(true);
    expect(shouldCoordinate(member(1, { joins: [3] }))).toBe(false);
    expect(shouldCoordinate(member(1, { suspected: [0] }))).toBe(true);
  });

  it('does not pre-empt a coordinator it follows and trusts', () => {
    expect(shouldCoordinate(member(0, { joins: [3], promised: 5 }))).toBe(false);
    expect(shouldCoordinate(member(0, { joins: [3], suspected: [1], promised: 5 }))).toBe(true);
  });

  it('numbers its ballots above any it answered, uniquely per coordinator', () => {
    expect(nextBallot(member(1))).toBe(5);
    expect(nextBallot(member(1, { promised: 6 }))).toBe(9);
    expect(nextBallot(member(2, { promised: 9 }))).toBe(14);
  });
});

describe('whom the failure detector may suspect, phase by phase', () => {
  it('suspects no one in a quiet group', () => {
    expect(awaitedInView(member(0))).toEqual([]);
    expect(awaitedInView(member(2))).toEqual([]);
  });

  it('waits, in a view, for the sequencer while its own multicast is undelivered', () => {
    expect(awaitedInView(member(2, { pending: ['m0'] }))).toEqual([0]);
    expect(awaitedInView(member(0, { pending: ['m0'] }))).toEqual([]);
  });

  it('waits, in a view, for the coordinator that should start a view change', () => {
    expect(awaitedInView(member(2, { joins: [3] }))).toEqual([0]);
    expect(awaitedInView(member(2, { joins: [3], suspected: [0] }))).toEqual([1]);
  });

  it('waits, having flushed, for the coordinator it follows, or else the next one', () => {
    expect(awaitedWhileFlushing(member(2, { promised: 5 }))).toEqual([1]);
    expect(awaitedWhileFlushing(member(2, { promised: 5, suspected: [1] }))).toEqual([0]);
    expect(awaitedWhileFlushing(member(0, { promised: 5, suspected: [1] }))).toEqual([]);
  });

  it('waits, as a coordinator, for the reports and then the acceptances still missing', () => {
    const collecting = { number: 4, proposal: null, accepted: [] };
    const c = member(0, { ballot: { ...collecting, reports: [report(0, []), report(2, [])] } });
    expect(missingReports(c)).toEqual([1]);
    expect(missingReports(member(0, { ballot: c.ballot, suspected: [1] }))).toEqual([]);
    const proposal = { members: [0, 1], deliver: [] };
    const accepting = { ...collecting, reports: [], proposal, accepted: [0] };
    expect(missingAcceptances(member(0, { ballot: accepting }))).toEqual([1]);
    expect(awaitedAcceptors(member(0, { ballot: accepting }))).toEqual([0, 1]);
  });
});

describe('majorities', () => {
  it('counts only the view`s members, and needs more than half of them', () => {
    expect(isMajority({ nodes: [0, 1], of: [0, 1, 2] })).toBe(true);
    expect(isMajority({ nodes: [0, 3], of: [0, 1, 2] })).toBe(false);
    expect(isMajority({ nodes: [0, 1], of: [0, 1, 2, 3] })).toBe(false);
  });
});

describe('what the old view delivers', () => {
  it('takes the longest delivered prefix, which holds every other', () => {
    const reports = [report(1, ['a']), report(2, ['a', 'b'], ['c'])];
    expect(agreedDeliveries(reports, false)).toEqual(['a', 'b']);
  });

  it('appends the unnumbered pending multicasts, in id order, when the sequencer reported', () => {
    const reports = [report(0, ['a', 'b']), report(1, ['a'], ['m9', 'b']), report(2, [], ['m1'])];
    expect(agreedDeliveries(reports, true)).toEqual(['a', 'b', 'm1', 'm9']);
  });

  it('adopts the proposal accepted in the highest ballot, if any', () => {
    const accepted = (ballot: number, members: number[]) => ({ ballot, members, deliver: ['x'] });
    const reports = [
      { ...report(0, []), accepted: accepted(5, [0, 1]) },
      report(1, []),
      { ...report(2, []), accepted: accepted(9, [0, 2]) },
    ];
    expect(adoptedProposal(reports)).toEqual({ members: [0, 2], deliver: ['x'] });
    expect(adoptedProposal([report(1, [])])).toBeNull();
  });
});

describe('the steps, run outside xstate', () => {
  /** The correct `isMissing`: not delivered yet. */
  const isMissing = (guard: MemberGuard, params?: object) => {
    if (guard === 'sendsHeldBack') return true;
    const { id, delivered } = params as { id: string; delivered: readonly string[] };
    return !delivered.includes(id);
  };
  const effects = (decide: (guard: MemberGuard, params?: object) => boolean = isMissing) =>
    new RecordedEffects<MemberMessage, MemberGuard>(decide);

  it('sends a multicast to the sequencer, or numbers it there', () => {
    const out = effects();
    expect(sendMulticast(member(2), 'm0', out).pending).toEqual(['m0']);
    expect(out.sent).toEqual([{ to: 0, msg: { type: 'Data', view: 0, id: 'm0' } }]);

    const atSequencer = effects();
    expect(sendMulticast(member(0), 'm0', atSequencer).delivered).toEqual(['m0']);
    expect(atSequencer.observed).toEqual([{ kind: 'deliver', msg: 'm0', view: 0 }]);
    expect(atSequencer.sent.map((s) => [s.to, s.msg.type])).toEqual([
      [1, 'Seq'],
      [2, 'Seq'],
    ]);
  });

  it('installs a view: delivers what it missed of the old one, then sends what it held', () => {
    const out = effects();
    const c = member(2, { delivered: ['a'], queued: ['m5'], promised: 5, suspected: [0] });
    const next = installView(c, { id: 1, members: [1, 2] }, ['a', 'b'], out);

    expect(out.observed).toEqual([
      { kind: 'deliver', msg: 'b', view: 0 },
      { kind: 'view', view: 1, members: [1, 2] },
    ]);
    expect(out.sent).toEqual([{ to: 1, msg: { type: 'Data', view: 1, id: 'm5' } }]);
    expect(next).toMatchObject({ delivered: [], pending: ['m5'], queued: [], promised: -1 });
    expect(next.suspected).toEqual([]);
  });

  it('asks `sendsHeldBack` before sending a held multicast, so a variant can forget them', () => {
    const out = effects((guard) => guard !== 'sendsHeldBack');
    const c = member(2, { queued: ['m5'], promised: 5 });
    const next = installView(c, { id: 1, members: [1, 2] }, [], out);
    expect(out.sent).toEqual([]);
    expect(next.pending).toEqual([]);
  });

  it('asks `isMissing` before each delivery of the flush, so a variant can skip them', () => {
    const out = effects(() => false);
    installView(member(2), { id: 1, members: [1, 2] }, ['a'], out);
    expect(out.observed.map((o) => o.kind)).toEqual(['view']);
  });
});
