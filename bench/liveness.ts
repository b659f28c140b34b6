/**
 * The cost of the liveness pass (checkers/exhaustive/fair-cycles.ts) against the safety search of
 * the same bounded configuration, per correct variant of every protocol with a liveness property:
 * CPU milliseconds of each (medians of `times` runs after a warm-up), their ratio (issue 16's
 * target: at most 2), and the pass's graph (worlds, edges, cyclic and fair components).
 * `npx tsx bench/liveness.ts [protocol...]` prints the table (`TIMES=n` runs, 3 by default).
 */
import { checkFairCycles, livenessProperties } from '../checkers/exhaustive/fair-cycles.ts';
import { Search } from '../checkers/exhaustive/search.ts';
import { benchMain, chosenProtocols, runsAsScript } from './cli.ts';
import { LocalTable } from '../models/kernel/local-table.ts';
import { boundedParams, type Protocol, type Variant } from '../models/kernel/protocol.ts';
import { System } from '../models/kernel/system.ts';
import { cpuMs, fmt, median, samples } from './stats.ts';

/** One correct variant's figures. */
export interface LivenessCost {
  readonly protocol: string;
  readonly variant: string;
  readonly distinct: number;
  /** Median CPU milliseconds of the safety search and of the liveness pass. */
  readonly safetyMs: number;
  readonly livenessMs: number;
  readonly edges: number;
  readonly cycles: number;
  readonly fairCycles: number;
}

/** The safety search alone (no liveness pass), single-threaded, as the engine runs it. */
function safetySearch(protocol: Protocol, variant: Variant, nodes: number) {
  const sys = new System(
    protocol,
    variant,
    boundedParams(protocol, variant, nodes),
    new LocalTable(),
  );
  return new Search(sys, { nodes }).run();
}

/** Measures one correct variant at its protocol's default node count. */
export function livenessCost(protocol: Protocol, variant: Variant, times = 3): LivenessCost {
  const nodes = protocol.nodes.default;
  const r = safetySearch(protocol, variant, nodes);
  const system = () => new System(protocol, variant, r.params);
  const fair = checkFairCycles(system())!;
  const safety = samples(times, () => cpuMs(() => safetySearch(protocol, variant, nodes)));
  const liveness = samples(times, () => cpuMs(() => checkFairCycles(system())));
  return {
    protocol: protocol.name,
    variant: variant.name,
    distinct: r.distinct,
    safetyMs: median(safety),
    livenessMs: median(liveness),
    edges: fair.edges,
    cycles: fair.cycles,
    fairCycles: fair.fairCycles,
  };
}

/** Every correct variant of the named protocols (all with a liveness property by default). */
export function livenessCosts(names: readonly string[] = [], times = 3): LivenessCost[] {
  return chosenProtocols(names)
    .filter((p) => p.properties.some((q) => q.kind === 'quiescence' && q.liveness === true))
    .flatMap((p) =>
      p.variants
        .filter((v) => v.breaks === undefined)
        .filter(
          (v) =>
            livenessProperties(new System(p, v, boundedParams(p, v, p.nodes.default))).length > 0,
        )
        .map((v) => livenessCost(p, v, times)),
    );
}

/** The figures as a text table. */
export function livenessTable(rows: readonly LivenessCost[]): string {
  const lines = ['protocol/variant  distinct  safety ms  liveness ms  ratio  edges  cycles  fair'];
  for (const r of rows)
    lines.push(
      `${r.protocol}/${r.variant}  ${fmt(r.distinct)}  ${fmt(r.safetyMs)}  ${fmt(r.livenessMs)}  ` +
        `${(r.livenessMs / r.safetyMs).toFixed(2)}  ${fmt(r.edges)}  ${r.cycles}  ${r.fairCycles}`,
    );
  return lines.join('\n');
}

if (runsAsScript(import.meta.url)) {
  benchMain((names, times) => livenessTable(livenessCosts(names, times)));
}
