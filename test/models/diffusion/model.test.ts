import { describe, expect, it } from 'vitest';
import { runRandom } from '../../../checkers/random.ts';
import { replay } from '../../../checkers/replay.ts';
import { traceSystem } from '../../../checkers/trace-system.ts';
import { diffusionProtocol } from '../../../models/diffusion/model.ts';
import type { Protocol } from '../../../models/kernel/protocol.ts';
import { randomBreaks } from '../../helpers/liveness.ts';

const protocol: Protocol = diffusionProtocol;
const correct = protocol.variants.filter((v) => v.breaks === undefined);
const mutants = protocol.variants.filter((v) => v.breaks !== undefined);
const propertyNames = protocol.properties.map((p) => p.name);
const params = {
  workers: 2,
  requests: [
    { input: 'ab', key: 'x' },
    { input: 'c', key: null },
  ],
  split: 2,
  crashes: 1,
  timeouts: 1,
  duplicates: 1,
};

describe('diffusion protocol definition', () => {
  it('has three policies and the mutants the brief asks for, each breaking a promised property', () => {
    expect(correct.map((v) => v.name)).toEqual(['round-robin', 'least-loaded', 'request-parts']);
    expect(mutants.map((v) => v.name)).toEqual(
      expect.arrayContaining(['early-consolidation', 'parts-keep-late', 'answer-per-part']),
    );
    for (const m of mutants) expect(propertyNames).toContain(m.breaks);
  });

  it('checks that every request of a live client is eventually answered (a liveness property)', () => {
    const live = protocol.properties.filter((p) => p.kind === 'quiescence' && p.liveness === true);
    expect(live.map((p) => p.name)).toEqual(['request-progress']);
    expect(mutants.filter((m) => m.breaks === 'request-progress').map((m) => m.name)).toEqual([
      'retries-same-worker',
    ]);
  });

  it('configures the client, the diffuser and the workers, one input per request', () => {
    const config = diffusionProtocol.configure(params);
    expect(config.network).toBe('fifo');
    expect(config.nodes.map((n) => n.name)).toEqual(['c', 'd', 'w0', 'w1']);
    expect(config.nodes[1]!.input).toEqual({ workers: 2, first: 2, split: 2 });
    expect(config.inputs).toEqual([
      { node: 0, event: { type: 'request', req: 'r0', input: 'ab', key: 'x' } },
      { node: 0, event: { type: 'request', req: 'r1', input: 'c', key: null } },
    ]);
    expect(config.faults).toEqual({ crash: 1, timeout: 1, duplicate: 1 });
  });

  it.each([
    [{ workers: 0 }, 'a server group needs a worker'],
    [{ workers: -1 }, 'a server group needs a worker'],
    [{ workers: 1.5 }, 'whole number'],
    [{ split: 0 }, 'a request is at least one part'],
    [{ crashes: 2 }, 'one worker must survive'],
    [{ requests: [] }, 'at least one request'],
    [{ requests: [{ input: '', key: null }] }, 'must not be empty'],
  ])('refuses %j with a clear message', (change, message) => {
    const parsed = diffusionProtocol.paramsSchema.safeParse({ ...params, ...change });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join('; ')).toContain(message);
  });
});

describe.each(correct)('correct variant $name', (variant) => {
  it('holds for 300 random scenarios of 1 to 4 workers', () => {
    const result = runRandom(protocol, variant, { runs: 300, seed: 7 });
    expect(result.trace?.violation ?? null).toBeNull();
    expect(result.ok).toBe(true);
  });
});

describe.each(mutants)('mutant $name', (variant) => {
  it('is caught by the random engine, breaking its declared property, with a trace that replays', () => {
    const { ok, trace } = runRandom(protocol, variant, { runs: protocol.defaultRuns, seed: 1 });
    expect(ok).toBe(false);
    expect(trace?.violation?.property).toBe(randomBreaks(protocol, variant));
    const replayed = replay(trace!, traceSystem(trace!));
    expect(replayed.divergence).toBeNull();
    expect(replayed.violation?.property).toBe(randomBreaks(protocol, variant));
  });
});
