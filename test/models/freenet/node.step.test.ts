import { describe, expect, it } from 'vitest';
import { keyOf, locationOf, proofOf } from '../../../models/freenet/keys.ts';
import { freshContext, JsonState } from '../../../models/freenet/node.state.ts';
import {
  backtrack,
  decide,
  decisions,
  forwardRequest,
  stepNode,
  type FreenetGuard,
  type FreenetSend,
} from '../../../models/freenet/node.step.ts';
import { RecordedEffects } from '../../../models/kernel/step.ts';

const KEY = keyOf('ksk:alpha');
const node0 = () =>
  new JsonState(
    freshContext({
      self: 0,
      neighbours: [1, 2, 3].map((node) => ({ node, location: locationOf(node) })),
      capacity: 2,
      corrupt: false,
    }),
  );
const request = { type: 'DataRequest', id: 'r0', key: KEY, htl: 3, from: 1 } as const;

/** Effects that answer every guard as the correct node does on `state`. */
const effectsOn = (state: JsonState, swaps: Partial<Record<FreenetGuard, boolean>> = {}) =>
  new RecordedEffects<FreenetSend, FreenetGuard>(
    (guard, params) => swaps[guard] ?? decide(state, guard, params ?? {}),
  );

describe('the correct node’s decisions', () => {
  it('detect a loop by the ids seen and a collision by what the datastore holds', () => {
    const state = node0();
    expect(decisions.isLoop(state, { id: 'r0' })).toBe(false);
    state.markSeen('r0');
    expect(decide(state, 'isLoop', { id: 'r0' })).toBe(true);
    expect(decisions.isCollision(state, { key: KEY, held: false })).toBe(false);
    expect(decisions.isCollision(state, { key: KEY, held: true })).toBe(true);
  });

  it('verify data against its key, and follow the paper on HTL expiry', () => {
    const state = node0();
    const proof = proofOf('ksk:alpha', 'a');
    expect(decisions.verifies(state, { key: KEY, data: 'a', proof })).toBe(true);
    expect(decisions.verifies(state, { key: KEY, data: 'b', proof })).toBe(false);
    expect(decisions.backtracks(state, { id: 'r0' })).toBe(true);
    expect(decisions.backtracksOnExpiry(state, { id: 'r0' })).toBe(false);
    expect(decisions.cachesReply(state, { key: KEY })).toBe(true);
  });
});

describe('stepNode', () => {
  it('runs the function of the event’s kind, through the effects it is given', () => {
    const [a, b] = [node0(), node0()];
    const [x, y] = [effectsOn(a), effectsOn(b)];
    stepNode(a, request, x);
    forwardRequest(b, request, y);
    expect(x.sent).toEqual(y.sent);
    expect(x.observed).toEqual([{ kind: 'handle', id: 'r0' }]);
    expect(a.context()).toEqual(b.context());
    expect(a.changes()).toEqual({ seen: ['r0'], pending: [a.context().pending[0]] });
  });

  it('asks the named guards, so a swapped answer changes the step', () => {
    const state = node0();
    stepNode(state, request, effectsOn(state));
    const next = state.context().pending[0]!.tried[0]!;
    const failed = { type: 'RequestFailed', id: 'r0', expired: true, from: next } as const;
    const paper = new JsonState(state.context());
    const out = effectsOn(paper);
    backtrack(paper, failed, out);
    expect(out.sent).toEqual([{ to: 1, msg: { type: 'RequestFailed', id: 'r0', expired: true } }]);
    const seed = new JsonState(state.context());
    const swapped = effectsOn(seed, { backtracksOnExpiry: true });
    backtrack(seed, failed, swapped);
    expect(swapped.sent).toHaveLength(1);
    expect(swapped.sent[0]!.msg).toEqual({ type: 'DataRequest', id: 'r0', key: KEY, htl: 2 });
    expect([1, next]).not.toContain(swapped.sent[0]!.to);
  });
});
