import type { Payload } from './action.ts';
import type { Json } from './json.ts';

/** Params of the `send` action: the receiver(s) and the message. */
export interface SendParams {
  /** A node index, or a list of them (a multicast over point-to-point channels). */
  readonly to: number | readonly number[];
  /** The message; the receiver gets it with `from` added. */
  readonly msg: Payload;
}

/** Params of the `observe` action: what the node did, for the history. */
export interface ObserveParams {
  /** The kind of observation (`deliver`, `execute`…). */
  readonly kind: string;
  /** Other fields (message ids, values). */
  readonly [field: string]: Json;
}

/**
 * The two effects a model may have, to spread into `setup({ actions: { ...effects } })`. They do
 * nothing when run: the kernel drives machines purely and harvests these actions from the
 * transition's result, turning `send` into in-flight messages and `observe` into history.
 */
export const effects = {
  /** Sends a message (harvested by the kernel). */
  send: (_: unknown, _params: SendParams): void => {},
  /** Records an observation (harvested by the kernel). */
  observe: (_: unknown, _params: ObserveParams): void => {},
};

/** Every node index of an `n`-node group, for multicasting over point-to-point channels. */
export function everyone(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Every node index of an `n`-node group but `self`. */
export function others(n: number, self: number): number[] {
  return everyone(n).filter((i) => i !== self);
}
