import { describe, expect, it } from 'vitest';
import { protocolIndex } from '../../../checkers/docs/protocol-index.ts';
import { totalOrderProtocol } from '../../../models/total-order/model.ts';

describe('protocolIndex', () => {
  it('has one row per protocol: its page, title, correct variants and mutants', () => {
    expect(protocolIndex([totalOrderProtocol])).toContain(
      '| [total-order](protocols/total-order.md) | Totally ordered reliable multicast in a ' +
        'static group | 2 | 6 |',
    );
  });
});
