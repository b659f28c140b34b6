import { match } from 'ts-pattern';
import { canonicalJson, type JsonObject } from './json.ts';

/** A message or event as a model writes it: plain JSON with a `type`. */
export type Payload = JsonObject & { readonly type: string };

/**
 * One step of the world, as traces record it. Nodes are configuration indices; messages are the
 * payloads the sender wrote (the kernel adds `from` when it hands them to the receiver).
 */
export type Action =
  /** The network hands `msg` from `from` to `to`. */
  | { readonly type: 'deliver'; readonly from: number; readonly to: number; readonly msg: Payload }
  /** The network loses `msg` (a `drop` fault). */
  | { readonly type: 'drop'; readonly from: number; readonly to: number; readonly msg: Payload }
  /** The network delivers `msg` twice from now on: one more copy is in flight (a `duplicate` fault). */
  | {
      readonly type: 'duplicate';
      readonly from: number;
      readonly to: number;
      readonly msg: Payload;
    }
  /** `node` stops: it takes no more steps and what was in flight to it is lost. */
  | { readonly type: 'crash'; readonly node: number }
  /** A crashed `node` restarts with what its role says survives a crash. */
  | { readonly type: 'recover'; readonly node: number }
  /** A `node` that is out of the system starts, from its role's initial state. */
  | { readonly type: 'join'; readonly node: number }
  /** `node` is told to leave (it handles a `leave` event), then it is out. */
  | { readonly type: 'leave'; readonly node: number }
  /** The network splits: messages between `side` and the other nodes wait until `heal`. */
  | { readonly type: 'partition'; readonly side: readonly number[] }
  /** The partition ends. */
  | { readonly type: 'heal' }
  /**
   * Time passes while nothing else can happen: every timer that would do something fires, node by
   * node in index order (each node's declared timeouts in order). Not a fault: no budget.
   */
  | { readonly type: 'expire' }
  /** A timer of `node` fires early (`event` is one of its role's declared timeouts): a fault. */
  | { readonly type: 'timeout'; readonly node: number; readonly event: Payload }
  /** `node` takes one of its role's declared local choices. */
  | { readonly type: 'choose'; readonly node: number; readonly event: Payload }
  /** A client hands `event` to `node` (one of the configuration's inputs). */
  | { readonly type: 'input'; readonly node: number; readonly event: Payload };

/** The action kinds, indexed by `MoveKind` (benign ones first, then faults; `expire` last). */
export const ACTION_TYPES = [
  'deliver',
  'input',
  'choose',
  'heal',
  'timeout',
  'drop',
  'duplicate',
  'crash',
  'recover',
  'join',
  'leave',
  'partition',
  'expire',
] as const satisfies readonly Action['type'][];

/** A stable string for an action: equal actions give equal keys. */
export function actionKey(action: Action): string {
  return canonicalJson(action);
}

/** Longest string shown whole in a one-line description; longer ones (signatures) are cut. */
const SHOWN = 24;

/** A string cut to its first characters and `…` when longer than a description shows. */
export function abbreviate(text: string): string {
  return text.length > SHOWN ? `${text.slice(0, 10)}…` : text;
}

/** A payload in one short line: `Order{id:"m0",seq:1}` (long strings cut, see `abbreviate`). */
export function describePayload(msg: Payload): string {
  const fields = Object.keys(msg)
    .filter((k) => k !== 'type')
    .sort()
    .map((k) => {
      const value = msg[k];
      return `${k}:${typeof value === 'string' ? canonicalJson(abbreviate(value)) : canonicalJson(value)}`;
    });
  return fields.length === 0 ? msg.type : `${msg.type}{${fields.join(',')}}`;
}

/** An action in one short line, with node names. */
export function describeAction(action: Action, name: (node: number) => string): string {
  return match(action)
    .with({ type: 'deliver' }, (a) => `${name(a.from)} → ${name(a.to)}  ${describePayload(a.msg)}`)
    .with(
      { type: 'drop' },
      (a) => `drop ${name(a.from)} → ${name(a.to)}  ${describePayload(a.msg)}`,
    )
    .with(
      { type: 'duplicate' },
      (a) => `duplicate ${name(a.from)} → ${name(a.to)}  ${describePayload(a.msg)}`,
    )
    .with({ type: 'crash' }, (a) => `crash ${name(a.node)}`)
    .with({ type: 'recover' }, (a) => `recover ${name(a.node)}`)
    .with({ type: 'join' }, (a) => `join ${name(a.node)}`)
    .with({ type: 'leave' }, (a) => `leave ${name(a.node)}`)
    .with({ type: 'partition' }, (a) => `partition {${a.side.map(name).join(',')}} | rest`)
    .with({ type: 'heal' }, () => 'heal')
    .with({ type: 'expire' }, () => 'timers expire')
    .with({ type: 'timeout' }, (a) => `${name(a.node)} timeout ${describePayload(a.event)}`)
    .with({ type: 'choose' }, (a) => `${name(a.node)} chooses ${describePayload(a.event)}`)
    .with({ type: 'input' }, (a) => `${name(a.node)} ← client ${describePayload(a.event)}`)
    .exhaustive();
}
