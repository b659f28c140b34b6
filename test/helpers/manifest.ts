import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../checkers/exhaustive/search.ts';
import { replay } from '../../checkers/replay.ts';
import { traceSystem } from '../../checkers/trace-system.ts';
import { describeAction } from '../../models/kernel/action.ts';
import type { BoundedConfiguration } from '../../models/kernel/manifest.ts';
import type { Protocol } from '../../models/kernel/protocol.ts';

/**
 * The manifest tests every protocol shares (as TLA+ Examples pins each spec's expected result):
 * each correct variant's bounded configuration explored fully to the manifest's pinned counts, and
 * each mutant's shortest counterexample, action by action, which must replay. A change to a model
 * or to the kernel's semantics that moves these numbers must be deliberate: update the manifest.
 */

const variantOf = (protocol: Protocol, name: string) => {
  const variant = protocol.variants.find((v) => v.name === name);
  if (variant === undefined) throw new Error(`${protocol.name} has no variant ${name}`);
  return variant;
};

/** The configurations of `protocol`'s manifest in `tier`. */
export function configurationsIn(
  protocol: Protocol,
  tier: BoundedConfiguration['tier'],
): readonly BoundedConfiguration[] {
  if (protocol.manifest === undefined) throw new Error(`${protocol.name} has no manifest`);
  return protocol.manifest.configurations.filter((c) => c.tier === tier);
}

/** Pins every configuration of `protocol`'s manifest in `tier`. */
export function manifestTests(protocol: Protocol, tier: BoundedConfiguration['tier']): void {
  for (const config of configurationsIn(protocol, tier)) {
    pinnedSearches(protocol, config);
    shortestCounterexamples(protocol, config);
  }
}

/** Pins each correct variant's exhaustive search, breadth-first and depth-first. */
function pinnedSearches(protocol: Protocol, config: BoundedConfiguration): void {
  const nodes = config.nodes;
  describe.each(config.pins)(`${protocol.name} exhaustive $variant at ${nodes} nodes`, (pin) => {
    it('explores the pinned number of states and transitions, to the pinned depth', () => {
      const r = runExhaustive(protocol, variantOf(protocol, pin.variant), { nodes });
      expect(r.complete).toBe(true);
      expect(r.trace).toBeNull();
      expect([r.distinct, r.transitions, r.depth]).toEqual([
        pin.distinct,
        pin.transitions,
        pin.depth,
      ]);
      expect(Object.fromEntries(r.witnesses.map((w) => [w.property, w.depth]))).toEqual(
        pin.witnesses,
      );
      expect(r.collisionProbability).toBeLessThan(1e-6);
    });

    it('counts the same distinct states depth-first as breadth-first', () => {
      // The liveness pass does not depend on the order: the breadth-first test above ran it.
      const r = runExhaustive(protocol, variantOf(protocol, pin.variant), {
        nodes,
        strategy: 'dfs',
        liveness: false,
      });
      expect([r.complete, r.distinct, r.transitions]).toEqual([
        true,
        pin.distinct,
        pin.transitions,
      ]);
    });
  });
}

/** Pins each mutant's shortest counterexample and checks that it replays (and that DFS finds one). */
function shortestCounterexamples(protocol: Protocol, config: BoundedConfiguration): void {
  const nodes = config.nodes;
  describe.each(config.counterexamples)(
    `${protocol.name} exhaustive mutant $variant at ${nodes} nodes`,
    (m) => {
      it('is caught with its pinned shortest counterexample, which replays', () => {
        const r = runExhaustive(protocol, variantOf(protocol, m.variant), { nodes });
        expect(r.complete).toBe(false);
        const trace = r.trace!;
        expect(trace.violation?.property).toBe(m.property);
        if (m.shows !== undefined) expect(trace.violation?.message).toMatch(new RegExp(m.shows));
        const name = (node: number) => trace.nodes[node] ?? `n${node}`;
        expect(trace.actions.map((a) => describeAction(a, name))).toEqual(m.actions);
        const replayed = replay(trace, traceSystem(trace, undefined, protocol));
        expect(replayed.divergence).toBeNull();
        expect(replayed.violation?.property).toBe(m.property);
      });

      it('is caught depth-first too, with a trace no shorter than the shortest', () => {
        const r = runExhaustive(protocol, variantOf(protocol, m.variant), {
          nodes,
          strategy: 'dfs',
        });
        expect(r.trace?.violation?.property).toBe(m.property);
        expect(r.trace!.actions.length).toBeGreaterThanOrEqual(m.actions.length);
      });
    },
  );
}

/** The event types a machine config's states (at any depth) have transitions for. */
export function eventsOf(config: StateConfig): Set<string> {
  const types = new Set(Object.keys(config.on ?? {}));
  for (const child of Object.values(config.states ?? {})) {
    for (const type of eventsOf(child)) types.add(type);
  }
  return types;
}

/** The part of a state's config `eventsOf` reads. */
export interface StateConfig {
  readonly on?: object;
  readonly states?: Readonly<Record<string, StateConfig>>;
}
