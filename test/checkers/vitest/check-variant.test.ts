/**
 * `checkVariant`, the verdict behind each `describeProtocol` test: what passes, and what a failure
 * says (the property, the seed, the chart, the trace file and the replay command).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replayCommand } from '../../../checkers/commands/replay.ts';
import { readTrace } from '../../../checkers/trace.ts';
import { checkVariant } from '../../../checkers/vitest/check-variant.ts';
import type { Variant } from '../../../models/kernel/protocol.ts';
import { totalOrderProtocol } from '../../../models/total-order/model.ts';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-vitest-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

function variant(name: string): Variant {
  const v = totalOrderProtocol.variants.find((x) => x.name === name);
  if (v === undefined) throw new Error(`no variant ${name}`);
  return v;
}

const mutant = variant('sequencer-no-seqcheck');
/** The mutant presented as a correct variant: a variant whose property fails. */
const { breaks: _breaks, ...broken } = mutant;
const budget = { runs: 100, seed: 1, nodes: 3, out };

describe('checkVariant', () => {
  it('passes a correct variant and a mutant caught breaking its property', () => {
    const correct = checkVariant(totalOrderProtocol, variant('sequencer'), 'exhaustive', budget);
    expect(correct).toMatchObject({ ok: true, trace: null, file: null });
    const caught = checkVariant(totalOrderProtocol, mutant, 'random', budget);
    expect(caught.ok).toBe(true);
    expect(caught.trace?.violation?.property).toBe('total-order');
    expect(caught.message).toContain('caught breaking total-order');
  });

  it('fails a broken variant with the property, the seed, the chart and the replay command', async () => {
    const verdict = checkVariant(totalOrderProtocol, broken, 'random', budget);
    expect(verdict.ok).toBe(false);
    const file = path.join(out, 'total-order-sequencer-no-seqcheck-random.trace.json');
    expect(verdict.file).toBe(file);
    const violation = verdict.trace?.violation;
    expect(violation?.property).toBe('total-order');
    const m = verdict.message;
    expect(m).toContain(`total-order violated: ${violation?.message}`);
    expect(m).toContain('fast-check seed=1 runs=100 nodes=3');
    expect(m).toContain('total-order / sequencer-no-seqcheck / random seed 1');
    expect(m).toContain(`violation of total-order at step ${violation?.step}`);
    expect(m).toContain(`trace (${verdict.trace?.actions.length} actions): ${file}`);
    expect(m).toContain(`replay it: npx groupcheck replay ${file}`);
    // The trace file was written whole (no temporary file left) and the command replays it.
    expect(fs.readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(readTrace(file)).toEqual(verdict.trace);
    const lines: string[] = [];
    const code = await replayCommand(
      file,
      { format: 'text' },
      (l) => lines.push(l),
      (l) => lines.push(l),
    );
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('reproduced: total-order');
  });

  it('is deterministic: the same options give the same failure', () => {
    const a = checkVariant(totalOrderProtocol, broken, 'exhaustive', budget);
    const b = checkVariant(totalOrderProtocol, broken, 'exhaustive', budget);
    expect(a.ok).toBe(false);
    expect(a.message).toContain('exhaustive engine: ');
    expect(a.message).toContain('replay it: npx groupcheck replay ');
    expect(b.message).toBe(a.message);
  });

  it('fails a mutant that breaks another property than it declares', () => {
    const wrong = { ...mutant, breaks: 'agreement' };
    const verdict = checkVariant(totalOrderProtocol, wrong, 'exhaustive', budget);
    expect(verdict.ok).toBe(false);
    expect(verdict.message.split('\n')[0]).toBe(
      'total-order / sequencer-no-seqcheck (exhaustive): the mutant should break agreement, but broke total-order',
    );
    expect(verdict.message).toContain('replay it: npx groupcheck replay ');
  });

  it('fails a mutant the budget does not catch, saying what it never saw', () => {
    const verdict = checkVariant(totalOrderProtocol, mutant, 'exhaustive', {
      ...budget,
      maxStates: 1,
    });
    expect(verdict).toMatchObject({ ok: false, trace: null, file: null });
    expect(verdict.message).toContain('mutant not caught: total-order was never violated');
  });

  it('still reports the violation when the trace cannot be written', () => {
    const blocker = path.join(out, 'not-a-dir');
    fs.writeFileSync(blocker, '');
    const verdict = checkVariant(totalOrderProtocol, broken, 'random', { ...budget, out: blocker });
    expect(verdict).toMatchObject({ ok: false, file: null });
    expect(verdict.message).toContain('total-order violated: ');
    expect(verdict.message).toMatch(/trace \(\d+ actions\): not written \(the trace could not be/);
    expect(verdict.message).not.toContain('replay it:');
  });
});
