import { describe, expect, it } from 'vitest';
import { protocolPage } from '../../../checkers/docs/protocol-page.ts';
import { stateDiagram } from '../../../checkers/docs/state-diagram.ts';
import { lamportMember } from '../../../models/total-order/lamport.machine.ts';
import { totalOrderProtocol } from '../../../models/total-order/model.ts';
import { sequencerMember } from '../../../models/total-order/sequencer.machine.ts';

const manifest = totalOrderProtocol.manifest!;

describe('protocolPage', () => {
  const page = protocolPage(totalOrderProtocol);

  it('quotes the seed first, with where the words come from', () => {
    const quote = manifest.seed[0]!;
    expect(page.indexOf(`> ${quote.text}`)).toBeLessThan(page.indexOf('## Source'));
    expect(page).toContain(`> — the seed, _${quote.where}_`);
  });

  it("draws every role's machines", () => {
    for (const machine of [sequencerMember, lamportMember]) {
      expect(page).toContain(`\`\`\`mermaid\n${stateDiagram(machine)}\n\`\`\``);
    }
  });

  it('lists every message, property (with its checker), variant and pin', () => {
    for (const m of manifest.messages) expect(page).toContain(`| \`${m.type}\` | ${m.from} |`);
    for (const [property, file] of Object.entries(manifest.checkedBy)) {
      expect(page).toContain(`| \`${property}\` |`);
      expect(page).toContain(`[${file}](../../${file})`);
    }
    for (const v of totalOrderProtocol.variants) expect(page).toContain(`| \`${v.name}\` |`);
    expect(page).toContain('| `sequencer` | 4,931 | 14,414 | 24 | `all-delivered`: 12 |');
  });

  it('names the built-in model-error property every engine checks too, with its source', () => {
    expect(page).toContain(
      'Every engine also checks the built-in `model-error` property ([models/kernel/model-error.ts](../../models/kernel/model-error.ts)).',
    );
  });

  it('marks a liveness property as a leads-to property, a safety one by its kind', () => {
    expect(page).toContain('| `validity` | liveness (leads-to) |');
    expect(page).toContain('| `total-order` | safety |');
  });

  it("numbers each mutant's shortest counterexample, with why", () => {
    const cx = manifest.configurations[0]!.counterexamples[0]!;
    expect(page).toContain(
      `#### \`${cx.variant}\` breaks \`${cx.property}\` in ${cx.actions.length} actions`,
    );
    expect(page).toContain(cx.actions.map((a, i) => `${i + 1}. \`${a}\``).join('\n'));
    expect(page).toContain(cx.why!.slice(1));
  });

  it('appends the notes with their links rebased to docs/protocols/', () => {
    const withNotes = protocolPage(totalOrderProtocol, 'See ![x](../../docs/experiments/x.svg).\n');
    expect(withNotes.endsWith('## Notes\n\nSee ![x](../experiments/x.svg).\n')).toBe(true);
    expect(page).not.toContain('## Notes');
  });

  it('leaves out what only a manifest says when there is none', () => {
    const bare = protocolPage({ ...totalOrderProtocol, manifest: undefined });
    for (const section of ['## Source', '## Roles', '## Properties', '## Variants']) {
      expect(bare).toContain(section);
    }
    for (const section of ['## Messages', '## Bounded configurations', 'checked by', 'the seed,']) {
      expect(bare).not.toContain(section);
    }
  });
});
