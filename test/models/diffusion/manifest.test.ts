import { describe, expect, it } from 'vitest';
import { client } from '../../../models/diffusion/client.machine.ts';
import { diffuser } from '../../../models/diffusion/diffuser.machine.ts';
import { diffusionProtocol } from '../../../models/diffusion/model.ts';
import { worker } from '../../../models/diffusion/worker.machine.ts';
import { eventsOf, manifestTests } from '../../helpers/manifest.ts';

// The manifest's pins: each diffusion policy on the bounded configuration at 2 workers (r0 = 'ab'
// and r1 = 'c' on data item x, split in two, one crash, one early timer, one duplicate), explored
// fully, and each mutant's shortest counterexample. The 3-worker configuration is in the slow tier.
manifestTests(diffusionProtocol, 'fast');

describe('diffusion manifest', () => {
  const manifest = diffusionProtocol.manifest!;

  it('pins every correct variant and a counterexample for every mutant, on the right property', () => {
    const correct = diffusionProtocol.variants.filter((v) => v.breaks === undefined);
    const mutants = diffusionProtocol.variants.filter((v) => v.breaks !== undefined);
    expect(manifest.configurations.map((c) => [c.nodes, c.tier])).toEqual([
      [2, 'fast'],
      [3, 'slow'],
    ]);
    for (const config of manifest.configurations) {
      expect(config.pins.map((p) => p.variant)).toEqual(correct.map((v) => v.name));
      expect(config.counterexamples.map((c) => [c.variant, c.property])).toEqual(
        mutants.map((v) => [v.name, v.breaks]),
      );
    }
  });

  it('keeps the fast configuration small', () => {
    const fast = manifest.configurations.find((c) => c.tier === 'fast')!;
    for (const pin of fast.pins) expect(pin.distinct).toBeLessThan(100_000);
  });

  it('names the file that checks every property', () => {
    expect(Object.keys(manifest.checkedBy).sort()).toEqual(
      diffusionProtocol.properties.map((p) => p.name).sort(),
    );
  });

  it('documents every event every role handles, for that role', () => {
    const roles = { client, diffuser, worker };
    const documented = manifest.messages.map((m) => `${m.to} ${m.type}`).sort();
    const handled = Object.entries(roles).flatMap(([role, machine]) =>
      [...eventsOf(machine.config)].map((type) => `${role} ${type}`),
    );
    expect(documented).toEqual([...new Set(handled)].sort());
  });
});
