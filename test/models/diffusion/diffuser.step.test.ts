import { describe, expect, it } from 'vitest';
import {
  decide,
  initialDiffuser,
  stepDiffuser,
  type Decisions,
  type DiffuserContext,
  type DiffuserEvent,
  type DiffuserGuard,
  type DiffuserSend,
} from '../../../models/diffusion/diffuser.step.ts';
import { leastLoaded, requestParts, roundRobin } from '../../../models/diffusion/policies.ts';
import { RecordedEffects } from '../../../models/kernel/step.ts';

/** Runs `events` through a diffuser of `workers` workers under `table`; returns context and effects. */
function run(table: Decisions, events: readonly DiffuserEvent[], workers = 2) {
  let context: DiffuserContext = initialDiffuser({ workers, first: 2, split: 2 });
  const out = new RecordedEffects<DiffuserSend, DiffuserGuard>((guard, params) =>
    decide(table, guard, params ?? {}),
  );
  for (const event of events) context = stepDiffuser(context, event, out);
  return { context, out };
}

const request = (req: string, input: string, key: string | null = null): DiffuserEvent => ({
  type: 'Request',
  req,
  input,
  key,
  from: 0,
});
const done = (from: number, req: string, part: number, parts: number, result: string) =>
  ({ type: 'Done', req, part, parts, result, direct: parts === 1, from }) as DiffuserEvent;
const timeout: DiffuserEvent = { type: 'timeout' };
const works = (out: RecordedEffects<DiffuserSend, DiffuserGuard>) =>
  out.sent.filter((s) => s.msg.type === 'Work').map((s) => [s.to, s.msg]);

describe('diffuser step logic', () => {
  it('hands whole requests out round-robin, each answered directly by its worker', () => {
    const { out } = run(roundRobin.decisions, [request('r0', 'ab'), request('r1', 'c')]);
    expect(works(out)).toEqual([
      [2, expect.objectContaining({ req: 'r0', slice: 'ab', direct: true, parts: 1 })],
      [3, expect.objectContaining({ req: 'r1', slice: 'c', direct: true })],
    ]);
  });

  it('hands a request to the least-loaded worker', () => {
    const { out } = run(leastLoaded.decisions, [
      request('r0', 'a'),
      done(2, 'r0', 0, 1, 'A'),
      request('r1', 'b'),
    ]);
    expect(works(out).map(([to]) => to)).toEqual([2, 2]);
  });

  it('splits a request into parts and answers once, combining them in part order', () => {
    const { context, out } = run(requestParts.decisions, [
      request('r0', 'ab', 'x'),
      done(3, 'r0', 1, 2, 'B'),
      done(2, 'r0', 0, 2, 'A'),
    ]);
    expect(works(out).map(([to, w]) => [to, (w as { slice: string }).slice])).toEqual([
      [2, 'a'],
      [3, 'b'],
    ]);
    expect(out.sent.filter((s) => s.msg.type === 'Answer')).toEqual([
      { to: 0, msg: { type: 'Answer', req: 'r0', result: 'AB' } },
    ]);
    expect(out.observed.map((o) => o['part'])).toEqual([1, 0]);
    expect(context.store).toEqual([{ key: 'x', value: 'AB' }]);
    expect(context.done).toEqual(['r0']);
  });

  it('queues a request behind one on the same data item, then runs it on the new value', () => {
    const { context, out } = run(roundRobin.decisions, [
      request('r0', 'ab', 'x'),
      request('r1', 'c', 'x'),
      request('r1', 'c', 'x'),
    ]);
    expect(works(out)).toHaveLength(1);
    expect(context.waiting.map((w) => w.req)).toEqual(['r1']);
    const after = stepDiffuser(context, done(2, 'r0', 0, 1, 'AB'), out);
    expect(works(out).at(-1)).toEqual([3, expect.objectContaining({ req: 'r1', base: 'AB' })]);
    expect(after.waiting).toEqual([]);
  });

  it('re-dispatches overdue work to another worker and discards the late answer', () => {
    const { context, out } = run(roundRobin.decisions, [request('r0', 'ab'), timeout]);
    expect(works(out).map(([to]) => to)).toEqual([2, 3]);
    expect(context.suspects).toEqual([0]);
    const answered = stepDiffuser(context, done(3, 'r0', 0, 1, 'AB'), out);
    const late = stepDiffuser(answered, done(2, 'r0', 0, 1, 'AB'), out);
    expect(late.suspects).toEqual([]);
    expect(late.done).toEqual(['r0']);
    expect(late.tasks).toEqual([]);
  });

  it('re-sends overdue work to the same worker when it does not reassign (a livelocking mutant)', () => {
    const same = { ...roundRobin.decisions, reassigns: () => false };
    const { context, out } = run(same, [request('r0', 'ab'), timeout, timeout]);
    expect(works(out).map(([to]) => to)).toEqual([2, 2, 2]);
    expect(context.suspects).toEqual([0]);
    expect(context.tasks.map((t) => t.worker)).toEqual([0]);
  });

  it('does nothing on its timer with no work outstanding', () => {
    const { context, out } = run(roundRobin.decisions, [timeout]);
    expect(out.sent).toEqual([]);
    expect(context.tasks).toEqual([]);
  });
});
