import { describe, expect, it } from 'vitest';
import { setup, type AnyStateMachine } from 'xstate';
import { PureDriver } from '../../../models/kernel/pure-driver.ts';
import { RecordedEffects, roleKit, type Outgoing } from '../../../models/kernel/step.ts';

interface Ping {
  readonly type: 'Ping';
  readonly seq: number;
  readonly from: number;
}
interface Poke {
  readonly type: 'poke';
  readonly to: readonly number[];
}
interface Ctx {
  readonly seen: readonly number[];
  readonly label: string;
}

const kit = roleKit<{
  context: Ctx;
  events: Ping | Poke;
  sends: Outgoing<Ping>;
  guards: 'isFresh';
}>();

const machine = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    record: kit.on('Ping', ({ context, event, out }) => {
      if (!out.check('isFresh', { seq: event.seq })) return;
      out.observe('got', { seq: event.seq });
      return { seen: [...context.seen, event.seq] };
    }),
    answer: kit.on('Ping', ({ event, out }) => out.send(event.from, { type: 'Ping', seq: 0 })),
    pokeAll: kit.on('poke', ({ event, out }) => out.send(event.to, { type: 'Ping', seq: 9 })),
  },
  guards: {
    isFresh: ({ context }, params: { seq: number }) => !context.seen.includes(params.seq),
    isPing: kit.when('Ping', ({ event }) => event.seq > 0),
  },
}).createMachine({
  context: { seen: [], label: 'start' },
  initial: 'idle',
  states: {
    idle: {
      on: {
        Ping: { guard: 'isPing', actions: ['record', 'answer'] },
        poke: { actions: 'pokeAll' },
      },
    },
  },
});

function run(m: AnyStateMachine, events: readonly (Ping | Poke)[]) {
  const driver = new PureDriver(m, {});
  let [snap] = driver.initial({});
  const actions = [];
  for (const e of events) {
    const [next, collected] = driver.transition(snap, e);
    snap = next;
    actions.push(...collected);
  }
  return { context: snap.context as Ctx, actions };
}

describe('roleKit', () => {
  it("turns a step's sends, observations and returned fields into kernel actions", () => {
    const { context, actions } = run(machine, [{ type: 'Ping', seq: 1, from: 2 }]);
    expect(context).toEqual({ seen: [1], label: 'start' });
    expect(actions.map((a) => [a.type, a.params])).toEqual([
      ['observe', { kind: 'got', seq: 1 }],
      ['send', { to: 2, msg: { type: 'Ping', seq: 0 } }],
    ]);
  });

  it('asks named guards through the machine, so provide() reaches decisions inside a step', () => {
    const events = [1, 1].map((seq) => ({ type: 'Ping', seq, from: 0 }) as const);
    expect(run(machine, events).context.seen).toEqual([1]);
    const mutant = machine.provide({ guards: { isFresh: () => true } });
    expect(run(mutant, events).context.seen).toEqual([1, 1]);
  });

  it('sends nothing to an empty list, and one action per list otherwise', () => {
    const { actions } = run(machine, [
      { type: 'poke', to: [] },
      { type: 'poke', to: [0, 1] },
    ]);
    expect(actions.map((a) => a.params)).toEqual([{ to: [0, 1], msg: { type: 'Ping', seq: 9 } }]);
  });

  it('reads the narrowed event in a kind guard', () => {
    expect(run(machine, [{ type: 'Ping', seq: 0, from: 1 }]).actions).toEqual([]);
  });

  it('throws when a step for one kind is wired to a transition of another', () => {
    const wrong = setup({
      types: kit.types,
      actions: { ...kit.effects, miswired: kit.on('poke', () => ({ label: 'x' })) },
    }).createMachine({
      context: { seen: [], label: 'start' },
      on: { Ping: { actions: 'miswired' } },
    });
    expect(() => run(wrong, [{ type: 'Ping', seq: 1, from: 0 }])).toThrow(
      /a step for other events ran on 'Ping'/,
    );
  });
});

describe('RecordedEffects', () => {
  it('records sends per receiver and observations in order, and answers guards as told', () => {
    const out = new RecordedEffects<Outgoing<Ping>, 'isFresh'>((guard) => guard === 'isFresh');
    out.send([1, 2], { type: 'Ping', seq: 3 });
    out.observe('got', { seq: 3 });
    expect(out.sent).toEqual([
      { to: 1, msg: { type: 'Ping', seq: 3 } },
      { to: 2, msg: { type: 'Ping', seq: 3 } },
    ]);
    expect(out.observed).toEqual([{ kind: 'got', seq: 3 }]);
    expect(out.check('isFresh')).toBe(true);
  });

  it('throws on a guard nobody answers', () => {
    expect(() => new RecordedEffects().check('isFresh')).toThrow(/no decision given/);
  });
});
