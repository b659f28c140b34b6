/**
 * The effects one transition produces, collected by the pure step functions of this model and
 * then enqueued as the kernel's `send` and `observe` actions (the only effects a model may have).
 */
import type { Payload } from '../kernel/action.ts';
import type { ObserveParams, SendParams } from '../kernel/effects.ts';
import type { Json } from '../kernel/json.ts';

/** A `send` or `observe` action. */
export type Effect =
  | { readonly type: 'send'; readonly params: SendParams }
  | { readonly type: 'observe'; readonly params: ObserveParams };

/** Effects in the order they happen. */
export class Outbox {
  /** The effects so far. */
  readonly effects: Effect[] = [];

  /** Sends `msg` to `to`. */
  send(to: number | readonly number[], msg: Payload): void {
    this.effects.push({ type: 'send', params: { to, msg } });
  }

  /** Records an observation for the history. */
  observe(kind: string, fields: Readonly<Record<string, Json>>): void {
    this.effects.push({ type: 'observe', params: { kind, ...fields } });
  }
}

/** A guard evaluated by name through xstate's `check`, so that a variant can swap it alone. */
export type Guard = (name: string, params?: Readonly<Record<string, Json>>) => boolean;
