import { setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { roleDiagrams } from '../../../checkers/docs/role-diagrams.ts';
import { stateDiagram } from '../../../checkers/docs/state-diagram.ts';
import { lamportMember } from '../../../models/total-order/lamport.machine.ts';
import { totalOrderProtocol } from '../../../models/total-order/model.ts';
import { sequencerMember } from '../../../models/total-order/sequencer.machine.ts';

describe('roleDiagrams', () => {
  it('draws each distinct machine of a role once, with the variants that run it', () => {
    const diagrams = roleDiagrams(totalOrderProtocol);
    expect(diagrams.map((d) => [d.role, d.label, d.everywhere])).toEqual([
      ['member', 'sequencer', false],
      ['member', 'lamport', false],
    ]);
    expect(diagrams[0]!.diagram).toBe(stateDiagram(sequencerMember));
    expect(diagrams[0]!.variants).toEqual([
      'sequencer',
      'sequencer-no-seqcheck',
      'sequencer-no-dedup',
      'sequencer-no-resend',
      'sequencer-order-only',
    ]);
    expect(diagrams[0]!.spontaneous).toEqual(['timeout']);
    expect(diagrams[1]!.diagram).toBe(stateDiagram(lamportMember));
    expect(diagrams[1]!.variants).toEqual(['lamport', 'lamport-no-wait', 'lamport-no-dedup']);
  });

  it('adds a role only some variants have, labelled by its variant', () => {
    const auditor = setup({}).createMachine({
      id: 'auditor',
      initial: 'idle',
      states: { idle: {} },
    });
    const [first, ...rest] = totalOrderProtocol.variants;
    const diagrams = roleDiagrams({
      variants: [
        first!,
        ...rest,
        {
          name: 'audited',
          description: 'with an auditor',
          breaks: 'integrity',
          roles: { ...first!.roles, auditor: { machine: auditor } },
        },
      ],
    });
    const last = diagrams.at(-1)!;
    expect([last.role, last.label, last.variants, last.everywhere]).toEqual([
      'auditor',
      'audited',
      ['audited'],
      false,
    ]);
  });

  it('draws a role once when every variant runs the same machine', () => {
    const [first] = totalOrderProtocol.variants;
    const diagrams = roleDiagrams({ variants: [first!, { ...first!, name: 'again' }] });
    expect(diagrams.map((d) => [d.role, d.everywhere, d.variants])).toEqual([
      ['member', true, ['sequencer', 'again']],
    ]);
  });
});
