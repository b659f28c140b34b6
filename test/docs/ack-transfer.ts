/**
 * A protocol written from docs/writing-a-model.md alone, to show the page is enough: an
 * acknowledged transfer. A sender hands messages to a receiver one at a time over a network that
 * may lose and duplicate them; it retransmits on a timer until the receiver's `Ack` comes back; the
 * receiver delivers each message once and acknowledges every copy. Two roles, phases as states
 * (the sender is `ready` or `sending`), one mutant per safety property it promises.
 */
import * as fc from 'fast-check';
import { setup } from 'xstate';
import { z } from 'zod';
import { integrity } from '../../properties/integrity.ts';
import type { Manifest } from '../../models/kernel/manifest.ts';
import { defineProtocol, defineRole, type ParamsOf } from '../../models/kernel/define.ts';
import type { Config } from '../../models/kernel/protocol.ts';
import type { CheckedProperty, History } from '../../models/kernel/spec.ts';
import { roleKit, type Outgoing } from '../../models/kernel/step.ts';

/** Client input: the sender must transfer message `id`. */
export interface Transfer {
  readonly type: 'transfer';
  readonly id: string;
}
/** The message itself, sender to receiver. */
export interface Msg {
  readonly type: 'Msg';
  readonly id: string;
  readonly from: number;
}
/** The receiver has message `id`. */
export interface Ack {
  readonly type: 'Ack';
  readonly id: string;
  readonly from: number;
}
/** The sender's retransmission timer. */
export interface Timeout {
  readonly type: 'timeout';
}

/** The sender's state: what it must still send, the first being in flight while `sending`. */
export interface SenderContext {
  readonly queue: readonly string[];
}

const senderKit = roleKit<{
  context: SenderContext;
  events: Transfer | Ack | Timeout;
  sends: Outgoing<Msg>;
}>();

/** The sender, node 0: `ready` with nothing to send, `sending` until the head is acknowledged. */
export const sender = setup({
  types: senderKit.types,
  actions: {
    ...senderKit.effects,
    enqueue: senderKit.on('transfer', ({ context, event, out }) => {
      out.observe('multicast', { msg: event.id });
      return { queue: [...context.queue, event.id] };
    }),
    sendHead: senderKit.step(({ context, out }) => {
      if (context.queue.length > 0) out.send(1, { type: 'Msg', id: context.queue[0]! });
    }),
    dropHead: senderKit.on('Ack', ({ context }) => ({ queue: context.queue.slice(1) })),
  },
  guards: {
    acksHead: senderKit.when('Ack', ({ context, event }) => context.queue[0] === event.id),
    isIdle: ({ context }) => context.queue.length === 0,
    retransmits: () => true,
  },
}).createMachine({
  id: 'sender',
  context: { queue: [] },
  initial: 'ready',
  states: {
    ready: { on: { transfer: { target: 'sending', actions: ['enqueue', 'sendHead'] } } },
    sending: {
      always: { guard: 'isIdle', target: 'ready' },
      on: {
        transfer: { actions: 'enqueue' },
        Ack: { guard: 'acksHead', actions: ['dropHead', 'sendHead'] },
        timeout: { guard: 'retransmits', actions: 'sendHead' },
      },
    },
  },
});

/** The receiver's state: the messages it delivered. */
export interface ReceiverContext {
  readonly delivered: readonly string[];
}

const receiverKit = roleKit<{
  context: ReceiverContext;
  events: Msg;
  sends: Outgoing<Ack>;
}>();

/** The receiver, node 1: delivers a message once, acknowledges every copy. */
export const receiver = setup({
  types: receiverKit.types,
  actions: {
    ...receiverKit.effects,
    deliver: receiverKit.on('Msg', ({ context, event, out }) => {
      out.observe('deliver', { msg: event.id });
      return { delivered: [...context.delivered, event.id] };
    }),
    acknowledge: receiverKit.on('Msg', ({ event, out }) => {
      out.send(event.from, { type: 'Ack', id: event.id });
    }),
  },
  guards: {
    isDuplicate: receiverKit.when('Msg', ({ context, event }) =>
      context.delivered.includes(event.id),
    ),
  },
}).createMachine({
  id: 'receiver',
  context: { delivered: [] },
  initial: 'receiving',
  states: {
    receiving: {
      on: {
        Msg: [
          { guard: 'isDuplicate', actions: 'acknowledge' },
          { actions: ['deliver', 'acknowledge'] },
        ],
      },
    },
  },
});

/** Checks that every message the sender took was delivered by the receiver (node 1). */
export function checkTransferred(history: History): ReturnType<CheckedProperty['check']> {
  const delivered = new Set(
    history.filter((o) => o.node === 1 && o.kind === 'deliver').map((o) => o.msg),
  );
  const missing = history.find((o) => o.kind === 'multicast' && !delivered.has(o.msg));
  if (missing === undefined) return null;
  return {
    property: 'transferred',
    message: `rcv never delivered ${String(missing.msg)}`,
    nodes: [1],
    messages: [String(missing.msg)],
  };
}

/** Transferred: once the system is quiet, the receiver has every message the sender took. */
export const transferred: CheckedProperty = {
  name: 'transferred',
  statement: 'Once the system is quiet, the receiver has delivered every message the sender took.',
  kind: 'quiescence',
  check: checkTransferred,
};

/** Parameters: how many messages, and the faults a run may inject. */
const paramsSchema = z.strictObject({
  messages: z.number().int().min(1).max(5),
  drops: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
});

/** The parameters, as the schema says (read-only). */
export type AckTransferParams = ParamsOf<typeof paramsSchema>;

function configure(p: AckTransferParams): Config {
  return {
    network: 'unordered',
    nodes: [
      { role: 'sender', name: 'snd', input: {} },
      { role: 'receiver', name: 'rcv', input: {} },
    ],
    inputs: Array.from({ length: p.messages }, (_, k) => ({
      node: 0,
      event: { type: 'transfer', id: `m${k}` },
    })),
    faults: { drop: p.drops, duplicate: p.duplicates },
  };
}

const senderRole = defineRole(sender, { timeouts: [{ type: 'timeout' }] });
const receiverRole = defineRole(receiver);

/** The manifest, as `npx tsx scripts/pins.ts` would print it for this protocol. */
export const ackTransferManifest: Manifest = {
  seed: [
    { where: 'Groups to Enhance Availability', text: 'totally ordered, reliable communication' },
  ],
  messages: [
    { type: 'transfer', from: 'client', to: 'sender', meaning: '`id`: transfer message `id`' },
    { type: 'Msg', from: 'sender', to: 'receiver', meaning: 'message `id` (resent on timeout)' },
    { type: 'Ack', from: 'receiver', to: 'sender', meaning: 'the receiver has message `id`' },
    { type: 'timeout', from: 'timer', to: 'sender', meaning: 'resend the message in flight' },
  ],
  checkedBy: { integrity: 'properties/integrity.ts', transferred: 'test/docs/ack-transfer.ts' },
  configurations: [
    {
      nodes: 2,
      description: 'two messages, one loss, one duplication',
      tier: 'fast',
      pins: [{ variant: 'ack-transfer', distinct: 155, transitions: 286, depth: 9, witnesses: {} }],
      counterexamples: [
        {
          variant: 'no-dedup',
          property: 'integrity',
          why: 'the network duplicates the first message and the receiver delivers both copies',
          actions: [
            'snd ← client transfer{id:"m0"}',
            'duplicate snd → rcv  Msg{id:"m0"}',
            'snd → rcv  Msg{id:"m0"}',
            'snd → rcv  Msg{id:"m0"}',
          ],
        },
        {
          variant: 'no-retransmit',
          property: 'transferred',
          why: 'the first message is lost and never resent',
          actions: [
            'snd ← client transfer{id:"m0"}',
            'snd ← client transfer{id:"m1"}',
            'drop snd → rcv  Msg{id:"m0"}',
          ],
        },
      ],
    },
  ],
};

/** The acknowledged-transfer protocol. */
export const ackTransfer = defineProtocol({
  name: 'ack-transfer',
  title: 'Acknowledged transfer with retransmission',
  source: 'A test protocol written from docs/writing-a-model.md alone.',
  variants: [
    {
      name: 'ack-transfer',
      description: 'retransmit until acknowledged; the receiver delivers each message once',
      roles: { sender: senderRole, receiver: receiverRole },
    },
    {
      name: 'no-dedup',
      description: 'the receiver delivers every copy it gets',
      breaks: 'integrity',
      roles: {
        sender: senderRole,
        receiver: defineRole(receiver.provide({ guards: { isDuplicate: () => false } })),
      },
    },
    {
      name: 'no-retransmit',
      description: 'the sender never resends, so a lost message is never delivered',
      breaks: 'transferred',
      roles: {
        sender: {
          ...senderRole,
          machine: sender.provide({ guards: { retransmits: () => false } }),
        },
        receiver: receiverRole,
      },
    },
  ],
  properties: [integrity, transferred],
  nodes: { min: 2, max: 2, default: 2 },
  defaultRuns: 300,
  paramsSchema,
  configure,
  scenarios: () =>
    fc.record({
      messages: fc.integer({ min: 1, max: 3 }),
      drops: fc.nat(1),
      duplicates: fc.nat(1),
    }),
  bounded: () => ({ messages: 2, drops: 1, duplicates: 1 }),
  manifest: ackTransferManifest,
});
