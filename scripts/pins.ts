/**
 * `npx tsx scripts/pins.ts <protocol> [nodes]`: prints what a manifest's configurations pin, as
 * measured now (each correct variant's counts and each mutant's shortest counterexample), in the
 * manifest's own shape, so a deliberate change to a model can be re-pinned and reviewed as a diff.
 */
import { runExhaustive } from '../checkers/exhaustive/search.ts';
import { findProtocol } from '../models/index.ts';
import { describeAction } from '../models/kernel/action.ts';

const [name, nodesArg] = process.argv.slice(2);
const protocol = name === undefined ? undefined : findProtocol(name);
if (protocol === undefined) {
  console.error(`usage: tsx scripts/pins.ts <protocol> [nodes]`);
  process.exit(2);
}
const nodes =
  nodesArg !== undefined
    ? [Number(nodesArg)]
    : (protocol.manifest?.configurations.map((c) => c.nodes) ?? [protocol.nodes.default]);
for (const n of nodes) {
  const pins = [];
  const counterexamples = [];
  for (const variant of protocol.variants) {
    const r = runExhaustive(protocol, variant, { nodes: n });
    if (variant.breaks === undefined) {
      pins.push({
        variant: variant.name,
        distinct: r.distinct,
        transitions: r.transitions,
        depth: r.depth,
        witnesses: Object.fromEntries(r.witnesses.map((w) => [w.property, w.depth])),
        complete: r.complete,
        caught: r.trace?.violation?.property ?? null,
      });
    } else {
      const trace = r.trace;
      const label = (node: number) => trace?.nodes[node] ?? `n${node}`;
      counterexamples.push({
        variant: variant.name,
        property: trace?.violation?.property ?? null,
        actions: trace?.actions.map((a) => describeAction(a, label)) ?? null,
        message: trace?.violation?.message ?? null,
      });
    }
  }
  console.log(JSON.stringify({ nodes: n, pins, counterexamples }, null, 2));
}
