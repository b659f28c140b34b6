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
  /** A timer of `node` fires (`event` is one of its role's declared timeouts). */
  | { readonly type: 'timeout'; readonly node: number; readonly event: Payload }
  /** `node` takes one of its role's declared local choices. */
  | { readonly type: 'choose'; readonly node: number; readonly event: Payload }
  /** A client hands `event` to `node` (one of the configuration's inputs). */
  | { readonly type: 'input'; readonly node: number; readonly event: Payload };

/** The action kinds, in the order engines list enabled actions (benign ones first). */
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
] as const satisfies readonly Action['type'][];

/** A stable string for an action: equal actions give equal keys. */
export function actionKey(action: Action): string {
  return canonicalJson(action);
}

/** A payload in one short line: `Order{id:"m0",seq:1}`. */
export function describePayload(msg: Payload): string {
  const fields = Object.keys(msg)
    .filter((k) => k !== 'type')
    .sort()
    .map((k) => `${k}:${canonicalJson(msg[k])}`);
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
    .with({ type: 'timeout' }, (a) => `${name(a.node)} timeout ${describePayload(a.event)}`)
    .with({ type: 'choose' }, (a) => `${name(a.node)} chooses ${describePayload(a.event)}`)
    .with({ type: 'input' }, (a) => `${name(a.node)} ← client ${describePayload(a.event)}`)
    .exhaustive();
}
