/**
 * Partial-order reduction (checkers/exhaustive/por.ts) on every correct variant's bounded
 * configuration: distinct states and CPU milliseconds of the unreduced breadth-first search (the
 * pins' search) against the reduced depth-first one (`--por --strategy dfs`), medians of `times`
 * runs after a warm-up, the states saved and the share of worlds expanded through a persistent set.
 * `npx tsx bench/por.ts [protocol...]` prints the table (`TIMES=n` runs, 3 by default).
 */
import { runExhaustive } from '../checkers/exhaustive/search.ts';
import { benchMain, chosenProtocols, runsAsScript } from './cli.ts';
import type { Protocol, Variant } from '../models/kernel/protocol.ts';
import { fmt, median, samples } from './stats.ts';

/** One correct variant's figures. */
export interface PorRow {
  readonly protocol: string;
  readonly variant: string;
  readonly full: number;
  readonly reduced: number;
  readonly fullMs: number;
  readonly porMs: number;
  /** Worlds expanded through a persistent set, of all expanded (reduced search). */
  readonly persistent: number;
  /** Why the reduction did not apply, if it did not. */
  readonly off: string | null;
}

/** CPU milliseconds `f` takes, and what it returned. */
function cpu<T>(f: () => T): { ms: number; value: T } {
  const start = process.cpuUsage();
  const value = f();
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, value };
}

/** Measures one variant. */
export function porRow(protocol: Protocol, variant: Variant, times = 3): PorRow {
  const full = samples(times, () =>
    cpu(() => runExhaustive(protocol, variant, { liveness: false })),
  );
  const reduced = samples(times, () =>
    cpu(() => runExhaustive(protocol, variant, { liveness: false, por: true, strategy: 'dfs' })),
  );
  const r = reduced[0]!.value;
  return {
    protocol: protocol.name,
    variant: variant.name,
    full: full[0]!.value.distinct,
    reduced: r.distinct,
    fullMs: median(full.map((x) => x.ms)),
    porMs: median(reduced.map((x) => x.ms)),
    persistent: r.por === undefined ? 0 : r.por.reduced / Math.max(1, r.por.reduced + r.por.full),
    off: r.por?.off ?? null,
  };
}

/** Every correct variant of the named protocols (all by default). */
export function porRows(names: readonly string[] = [], times = 3): PorRow[] {
  return chosenProtocols(names).flatMap((p) =>
    p.variants.filter((v) => v.breaks === undefined).map((v) => porRow(p, v, times)),
  );
}

/** The figures as a text table. */
export function porTable(rows: readonly PorRow[]): string {
  const lines = [
    'protocol/variant  states  --por dfs  saved  persistent  full ms  --por ms  time saved',
  ];
  for (const r of rows) {
    const saved = `${(100 * (1 - r.reduced / r.full)).toFixed(1)}%`;
    const time = `${(100 * (1 - r.porMs / r.fullMs)).toFixed(0)}%`;
    const off = r.off === null ? '' : '  (off: always invariant)';
    lines.push(
      `${r.protocol}/${r.variant}  ${fmt(r.full)}  ${fmt(r.reduced)}  ${saved}  ` +
        `${(100 * r.persistent).toFixed(1)}%  ${fmt(r.fullMs)}  ${fmt(r.porMs)}  ${time}${off}`,
    );
  }
  return lines.join('\n');
}

if (runsAsScript(import.meta.url)) {
  benchMain((names, times) => porTable(porRows(names, times)));
}
