/**
 * The cost of liveness checking (checkers/exhaustive/fair-cycles.ts) against the safety search of
 * the same bounded configuration, per correct variant of every protocol with a liveness property:
 * CPU milliseconds of the breadth-first safety search alone, of the whole check as the engine runs
 * it by default (that search recording the state graph as it goes, then the fair-cycle analysis),
 * and of the pass with a search of its own (what a depth-first or parallel search is followed by);
 * medians of `times` runs after a warm-up; the whole check's ratio to the safety search (issue 16's
 * target: at most 2), and the graph (worlds, edges, cyclic and fair components).
 * `npx tsx bench/liveness.ts [protocol...]` prints the table (`TIMES=n` runs, 3 by default).
 */
import { checkFairCycles, livenessProperties } from '../checkers/exhaustive/fair-cycles.ts';
import { runExhaustive } from '../checkers/exhaustive/search.ts';
import { benchMain, chosenProtocols, runsAsScript } from './cli.ts';
import { boundedParams, type Protocol, type Variant } from '../models/kernel/protocol.ts';
import { System } from '../models/kernel/system.ts';
import { cpuMs, fmt, median, samples } from './stats.ts';

/** One correct variant's figures. */
export interface LivenessCost {
  readonly protocol: string;
  readonly variant: string;
  readonly distinct: number;
  /**
   * Median CPU milliseconds of the safety search alone, of the whole check with liveness (the
   * graph recorded by that search), and of the liveness pass searching on its own.
   */
  readonly safetyMs: number;
  readonly checkMs: number;
  readonly passMs: number;
  readonly edges: number;
  readonly cycles: number;
  readonly fairCycles: number;
}

/** Measures one correct variant at its protocol's default node count. */
export function livenessCost(protocol: Protocol, variant: Variant, times = 3): LivenessCost {
  const nodes = protocol.nodes.default;
  const check = (liveness: boolean) => () => runExhaustive(protocol, variant, { nodes, liveness });
  const r = check(true)();
  const system = () => new System(protocol, variant, r.params);
  const safety = samples(times, () => cpuMs(check(false)));
  const whole = samples(times, () => cpuMs(check(true)));
  const pass = samples(times, () => cpuMs(() => checkFairCycles(system())));
  return {
    protocol: protocol.name,
    variant: variant.name,
    distinct: r.distinct,
    safetyMs: median(safety),
    checkMs: median(whole),
    passMs: median(pass),
    edges: r.liveness?.edges ?? 0,
    cycles: r.liveness?.cycles ?? 0,
    fairCycles: r.liveness?.fairCycles ?? 0,
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
  const lines = [
    'protocol/variant  distinct  safety ms  with liveness ms  ratio  own-search pass ms  edges  cycles  fair',
  ];
  for (const r of rows)
    lines.push(
      `${r.protocol}/${r.variant}  ${fmt(r.distinct)}  ${fmt(r.safetyMs)}  ${fmt(r.checkMs)}  ` +
        `${(r.checkMs / r.safetyMs).toFixed(2)}  ${fmt(r.passMs)}  ${fmt(r.edges)}  ${r.cycles}  ${r.fairCycles}`,
    );
  return lines.join('\n');
}

if (runsAsScript(import.meta.url)) {
  benchMain((names, times) => livenessTable(livenessCosts(names, times)));
}
