import { match } from 'ts-pattern';
import type { Action } from './action.ts';
import { channelCanDeliver } from './network.ts';
import type { System } from './system.ts';
import { MoveKind, type Move, type World } from './world.ts';

/**
 * The two-way mapping between the engines' compact moves and the JSON actions traces record.
 * Actions name messages and events by content, so a trace survives re-interning in another run.
 */

/** A move as the action a trace records. */
export function moveToAction(sys: System, m: Move): Action {
  const payload = () => sys.table.event(m.c).payload;
  switch (m.kind) {
    case MoveKind.Deliver:
      return { type: 'deliver', from: m.a, to: m.b, msg: payload() };
    case MoveKind.Drop:
      return { type: 'drop', from: m.a, to: m.b, msg: payload() };
    case MoveKind.Duplicate:
      return { type: 'duplicate', from: m.a, to: m.b, msg: payload() };
    case MoveKind.Input:
      return { type: 'input', node: m.a, event: sys.config.inputs[m.c]!.event };
    case MoveKind.Choose:
      return { type: 'choose', node: m.a, event: payload() };
    case MoveKind.Timeout:
      return { type: 'timeout', node: m.a, event: payload() };
    case MoveKind.Heal:
      return { type: 'heal' };
    case MoveKind.Expire:
      return { type: 'expire' };
    case MoveKind.Partition:
      return { type: 'partition', side: bits(m.c, sys.n) };
    case MoveKind.Crash:
      return { type: 'crash', node: m.a };
    case MoveKind.Recover:
      return { type: 'recover', node: m.a };
    case MoveKind.Join:
      return { type: 'join', node: m.a };
    case MoveKind.Leave:
      return { type: 'leave', node: m.a };
  }
}

/**
 * The move an action names in `w`, or why it names none (an unknown node, a message not in flight,
 * an input not waiting). Whether the move is enabled is the caller's question.
 */
export function actionToMove(sys: System, w: World, action: Action): Move | string {
  const n = sys.n;
  const node = (x: number) => Number.isInteger(x) && x >= 0 && x < n;
  return match(action)
    .returnType<Move | string>()
    .with({ type: 'deliver' }, { type: 'drop' }, { type: 'duplicate' }, (a) => {
      if (!node(a.from) || !node(a.to)) return 'no such node';
      const c = sys.table.findEvent(a.from, a.msg);
      if (
        c === undefined ||
        !channelCanDeliver(sys.config.network, w.channels[a.from * n + a.to]!, c)
      ) {
        return 'that message is not in flight';
      }
      const kind = {
        deliver: MoveKind.Deliver,
        drop: MoveKind.Drop,
        duplicate: MoveKind.Duplicate,
      }[a.type];
      return { kind, a: a.from, b: a.to, c };
    })
    .with({ type: 'input' }, (a) => {
      const key = sys.table.findEvent(-1, a.event);
      const i = sys.inputIds.findIndex(
        (id, i) =>
          id === key && sys.config.inputs[i]!.node === a.node && (w.inputs & (1 << i)) === 0,
      );
      return i < 0
        ? 'no such client input is waiting'
        : { kind: MoveKind.Input, a: a.node, b: -1, c: i };
    })
    .with({ type: 'timeout' }, { type: 'choose' }, (a) => {
      const c = sys.table.findEvent(-1, a.event);
      const kind = a.type === 'timeout' ? MoveKind.Timeout : MoveKind.Choose;
      return c === undefined
        ? `the role declares no such ${a.type}`
        : { kind, a: a.node, b: -1, c };
    })
    .with({ type: 'heal' }, () => ({ kind: MoveKind.Heal, a: -1, b: -1, c: 0 }))
    .with({ type: 'expire' }, () => ({ kind: MoveKind.Expire, a: -1, b: -1, c: 0 }))
    .with({ type: 'partition' }, (a) => {
      if (!a.side.every(node)) return 'no such node';
      let mask = a.side.reduce((m, x) => m | (1 << x), 0);
      if ((mask & 1) === 0) mask = ((1 << n) - 1) & ~mask;
      return { kind: MoveKind.Partition, a: -1, b: -1, c: mask };
    })
    .with({ type: 'crash' }, { type: 'recover' }, { type: 'join' }, { type: 'leave' }, (a) => {
      if (!node(a.node)) return 'no such node';
      const kind = {
        crash: MoveKind.Crash,
        recover: MoveKind.Recover,
        join: MoveKind.Join,
        leave: MoveKind.Leave,
      }[a.type];
      return { kind, a: a.node, b: -1, c: 0 };
    })
    .exhaustive();
}

/** The node indices set in a partition mask. */
function bits(mask: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if ((mask >>> i) & 1) out.push(i);
  return out;
}
