/**
 * What property monitors (checkers/exhaustive/monitors.ts) save: per correct variant of every
 * protocol with a monitored property, the CPU milliseconds of a search that answers from monitors
 * and of one that reads every history whole, depth- and breadth-first (medians of `times` runs
 * after a warm-up), and their ratio. `npx tsx bench/monitors.ts [protocol...]` prints the table
 * (`TIMES=n` runs, 3 by default).
 */
import { Search } from '../checkers/exhaustive/search.ts';
import { benchMain, chosenProtocols, runsAsScript } from './cli.ts';
import { LocalTable } from '../models/kernel/local-table.ts';
import { boundedParams, type Protocol, type Variant } from '../models/kernel/protocol.ts';
import { System } from '../models/kernel/system.ts';
import { cpuMs, fmt, median, samples } from './stats.ts';

/** One variant's figures, for one strategy. */
export interface MonitorCost {
  readonly protocol: string;
  readonly variant: string;
  readonly strategy: 'bfs' | 'dfs';
  readonly distinct: number;
  /** Median CPU milliseconds with monitors and reading histories. */
  readonly monitoredMs: number;
  readonly readingMs: number;
}

/** One search of a variant's bounded configuration, single-threaded, no liveness pass. */
function search(protocol: Protocol, variant: Variant, strategy: 'bfs' | 'dfs', monitors: boolean) {
  const nodes = protocol.nodes.default;
  const params = boundedParams(protocol, variant, nodes);
  const sys = new System(protocol, variant, params, new LocalTable());
  return new Search(sys, { nodes, strategy, monitors }).run();
}

/** Measures one variant, one strategy. */
export function monitorCost(
  protocol: Protocol,
  variant: Variant,
  strategy: 'bfs' | 'dfs',
  times = 3,
): MonitorCost {
  const r = search(protocol, variant, strategy, true);
  const on = samples(times, () => cpuMs(() => search(protocol, variant, strategy, true)));
  const off = samples(times, () => cpuMs(() => search(protocol, variant, strategy, false)));
  return {
    protocol: protocol.name,
    variant: variant.name,
    strategy,
    distinct: r.distinct,
    monitoredMs: median(on),
    readingMs: median(off),
  };
}

/** Every correct variant of the named protocols (all with a monitored property by default). */
export function monitorCosts(names: readonly string[] = [], times = 3): MonitorCost[] {
  return chosenProtocols(names)
    .filter((p) => p.properties.some((q) => q.kind !== 'always' && q.monitor !== undefined))
    .flatMap((p) =>
      p.variants
        .filter((v) => v.breaks === undefined)
        .flatMap((v) => (['dfs', 'bfs'] as const).map((s) => monitorCost(p, v, s, times))),
    );
}

/** The figures as a text table. */
export function monitorTable(rows: readonly MonitorCost[]): string {
  const lines = ['protocol/variant  strategy  distinct  monitors ms  reading ms  speed-up'];
  for (const r of rows)
    lines.push(
      `${r.protocol}/${r.variant}  ${r.strategy}  ${fmt(r.distinct)}  ${fmt(r.monitoredMs)}  ` +
        `${fmt(r.readingMs)}  ${(r.readingMs / r.monitoredMs).toFixed(2)}`,
    );
  return lines.join('\n');
}

if (runsAsScript(import.meta.url)) {
  benchMain((names, times) => monitorTable(monitorCosts(names, times)));
}
