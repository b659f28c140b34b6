import { describe, expect, it } from 'vitest';
import { client } from '../../../models/two-phase-locking/client.machine.ts';
import { detector } from '../../../models/two-phase-locking/detector.machine.ts';
import { twoPhaseLockingProtocol } from '../../../models/two-phase-locking/model.ts';
import { server } from '../../../models/two-phase-locking/server.machine.ts';
import { eventsOf, manifestTests } from '../../helpers/manifest.ts';

// The manifest's pins: each deadlock policy on the bounded configuration at 5 nodes (3 clients, 1
// server, the detector; t0 = rx wy, may roll back; t1 = ry wx; t2 = rx), explored fully, and each
// mutant's shortest counterexample. A change that moves them must be deliberate. The two-server
// configuration at 6 nodes (t0 = wx wy wx, may roll back; t1 = ry rx; t2 = rx wx) is in the slow
// tier (test/slow/manifest.test.ts).
manifestTests(twoPhaseLockingProtocol, 'fast');

describe('two-phase-locking manifest', () => {
  const manifest = twoPhaseLockingProtocol.manifest!;

  it('pins every correct variant and a counterexample for every mutant, on the right property', () => {
    const correct = twoPhaseLockingProtocol.variants.filter((v) => v.breaks === undefined);
    const mutants = twoPhaseLockingProtocol.variants.filter((v) => v.breaks !== undefined);
    expect(manifest.configurations.map((c) => [c.nodes, c.tier])).toEqual([
      [5, 'fast'],
      [6, 'slow'],
    ]);
    for (const config of manifest.configurations) {
      expect(config.pins.map((p) => p.variant)).toEqual(correct.map((v) => v.name));
      expect(config.counterexamples.map((c) => [c.variant, c.property])).toEqual(
        mutants.map((v) => [v.name, v.breaks]),
      );
    }
  });

  it('pins a configuration with two servers whose transactions upgrade, write twice and cross them', () => {
    const params = twoPhaseLockingProtocol.definition.bounded(6);
    expect(params.servers).toBe(2);
    const ops = params.txns.map((t) => t.ops.join(' '));
    expect(ops).toEqual(['wx wy wx', 'ry rx', 'rx wx']);
    expect(params.txns.map((t) => t.mayAbort)).toEqual([true, false, false]);
  });

  it('names the file that checks every property', () => {
    expect(Object.keys(manifest.checkedBy).sort()).toEqual(
      twoPhaseLockingProtocol.properties.map((p) => p.name).sort(),
    );
  });

  it('documents every event every role handles, for that role', () => {
    const roles = { client, server, detector };
    const documented = manifest.messages.map((m) => `${m.to} ${m.type}`).sort();
    const handled = Object.entries(roles).flatMap(([role, machine]) =>
      [...eventsOf(machine.config)].map((type) => `${role} ${type}`),
    );
    expect(documented).toEqual([...new Set(handled)].sort());
  });
});
