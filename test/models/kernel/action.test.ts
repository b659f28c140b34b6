import { describe, expect, it } from 'vitest';
import {
  ACTION_TYPES,
  actionKey,
  describeAction,
  abbreviate,
  describePayload,
  type Action,
} from '../../../models/kernel/action.ts';
import { FAULT_KINDS } from '../../../models/kernel/protocol.ts';
import { isBenign, MoveKind } from '../../../models/kernel/world.ts';

const names = ['seq', 'p1', 'p2'];
const name = (node: number) => names[node] ?? `n${node}`;

describe('actionKey', () => {
  it('is the same for equal actions built in different key orders', () => {
    const a: Action = { type: 'deliver', from: 0, to: 1, msg: { type: 'Order', id: 'm0', seq: 1 } };
    const b: Action = { msg: { seq: 1, id: 'm0', type: 'Order' }, to: 1, from: 0, type: 'deliver' };

    expect(actionKey(a)).toBe(actionKey(b));
  });

  it('differs for different actions', () => {
    const keys = [
      actionKey({ type: 'crash', node: 0 }),
      actionKey({ type: 'crash', node: 1 }),
      actionKey({ type: 'recover', node: 0 }),
      actionKey({ type: 'deliver', from: 0, to: 1, msg: { type: 'Ping', seq: 0 } }),
      actionKey({ type: 'drop', from: 0, to: 1, msg: { type: 'Ping', seq: 0 } }),
      actionKey({ type: 'deliver', from: 0, to: 1, msg: { type: 'Ping', seq: 1 } }),
    ];

    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('action kinds', () => {
  it('MoveKind indexes ACTION_TYPES', () => {
    const pairs: [MoveKind, Action['type']][] = [
      [MoveKind.Deliver, 'deliver'],
      [MoveKind.Input, 'input'],
      [MoveKind.Choose, 'choose'],
      [MoveKind.Heal, 'heal'],
      [MoveKind.Timeout, 'timeout'],
      [MoveKind.Drop, 'drop'],
      [MoveKind.Duplicate, 'duplicate'],
      [MoveKind.Crash, 'crash'],
      [MoveKind.Recover, 'recover'],
      [MoveKind.Join, 'join'],
      [MoveKind.Leave, 'leave'],
      [MoveKind.Partition, 'partition'],
      [MoveKind.Expire, 'expire'],
    ];

    for (const [kind, type] of pairs) expect(ACTION_TYPES[kind]).toBe(type);
    expect(pairs).toHaveLength(ACTION_TYPES.length);
  });

  it('only deliver, input, choose, heal and expire are benign', () => {
    const benign = ACTION_TYPES.filter((_, kind) => isBenign(kind as MoveKind));

    expect(benign).toEqual(['deliver', 'input', 'choose', 'heal', 'expire']);
  });

  it('every other action kind is a budgeted fault kind', () => {
    const faults = ACTION_TYPES.filter((_, kind) => !isBenign(kind as MoveKind));

    expect([...faults].sort()).toEqual([...FAULT_KINDS].sort());
  });
});

describe('describePayload', () => {
  it('writes the type and the other fields, sorted, in one line', () => {
    expect(describePayload({ type: 'Order', seq: 1, id: 'm0' })).toBe('Order{id:"m0",seq:1}');
  });

  it('writes the type alone when there are no other fields', () => {
    expect(describePayload({ type: 'timeout' })).toBe('timeout');
  });

  it('writes nested fields as canonical JSON', () => {
    expect(describePayload({ type: 'View', members: [0, 2], meta: { b: 1, a: 2 } })).toBe(
      'View{members:[0,2],meta:{"a":2,"b":1}}',
    );
  });

  it('cuts strings too long for one line (signatures) to their first characters', () => {
    const proof = 'ixgsfrL8RkXOjqBvRhTVogDsLE20eyNamkzVLnMeN4I';
    expect(describePayload({ type: 'DataReply', proof, id: 'r0' })).toBe(
      'DataReply{id:"r0",proof:"ixgsfrL8Rk…"}',
    );
    expect(abbreviate('x'.repeat(24))).toBe('x'.repeat(24));
  });
});

describe('describeAction', () => {
  const ping = { type: 'Ping', seq: 0 };

  it.each<[Action, string]>([
    [{ type: 'deliver', from: 0, to: 1, msg: ping }, 'seq → p1  Ping{seq:0}'],
    [{ type: 'drop', from: 1, to: 0, msg: ping }, 'drop p1 → seq  Ping{seq:0}'],
    [{ type: 'duplicate', from: 0, to: 2, msg: ping }, 'duplicate seq → p2  Ping{seq:0}'],
    [{ type: 'crash', node: 1 }, 'crash p1'],
    [{ type: 'recover', node: 1 }, 'recover p1'],
    [{ type: 'join', node: 2 }, 'join p2'],
    [{ type: 'leave', node: 0 }, 'leave seq'],
    [{ type: 'partition', side: [0, 2] }, 'partition {seq,p2} | rest'],
    [{ type: 'heal' }, 'heal'],
    [{ type: 'timeout', node: 0, event: { type: 'tick' } }, 'seq timeout tick'],
    [{ type: 'choose', node: 2, event: { type: 'reset' } }, 'p2 chooses reset'],
    [{ type: 'input', node: 1, event: { type: 'ping', to: 0 } }, 'p1 ← client ping{to:0}'],
  ])('describes %j as %s', (action, text) => {
    expect(describeAction(action, name)).toBe(text);
  });
});
