/**
 * Availability of a file suite under weighted voting (Gifford, "Weighted Voting for Replicated
 * Data", SOSP 1979, §4 on the examples): the probability that a read can gather its read quorum r
 * and a write its write quorum w when each representative is unavailable, independently, with
 * probability p. Exact, by enumerating the 2^n up/down sets of the n representatives (votes are
 * few); and a Monte Carlo estimate that draws the up/down sets with a seeded generator, with a 95%
 * Wilson confidence interval, as a check of the enumeration and of what a sampled run would show.
 */
import { z } from 'zod';
import type { Experiment, Series } from '../experiment.ts';
import { Rng } from '../rng.ts';

/** A vote assignment and its quorums (a representative with 0 votes is a weak one). */
export interface Suite {
  /** How the table names it. */
  readonly name: string;
  readonly votes: readonly number[];
  readonly r: number;
  readonly w: number;
}

/** Gifford's three examples (§4): one copy; <2,1,1> with r = 2, w = 3; <1,1,1> with r = 1, w = 3. */
export const GIFFORD_EXAMPLES: readonly Suite[] = [
  { name: 'Example 1: one copy', votes: [1], r: 1, w: 1 },
  { name: 'Example 2: <2,1,1>', votes: [2, 1, 1], r: 2, w: 3 },
  { name: 'Example 3: <1,1,1>', votes: [1, 1, 1], r: 1, w: 3 },
];

/**
 * The per-representative unavailability of the table: 0.01, the value we take for Gifford's
 * examples (see models/voting/notes.md on where it comes from).
 */
export const PAPER_P = 0.01;

/**
 * The exact probability that the available representatives hold fewer than `quorum` votes, each
 * representative `i` being unavailable with probability `p` (or `p[i]`), independently: the sum
 * over the 2^n up/down sets that block.
 */
export function blockingProbability(
  votes: readonly number[],
  quorum: number,
  p: number | readonly number[],
): number {
  if (votes.length > 20) throw new Error(`too many representatives to enumerate: ${votes.length}`);
  const down = (i: number) => (typeof p === 'number' ? p : (p[i] ?? 0));
  let blocked = 0;
  for (let mask = 0; mask < 1 << votes.length; mask++) {
    let up = 0;
    let probability = 1;
    for (let i = 0; i < votes.length; i++) {
      if ((mask & (1 << i)) !== 0) {
        up += votes[i]!;
        probability *= 1 - down(i);
      } else probability *= down(i);
    }
    if (up < quorum) blocked += probability;
  }
  return blocked;
}

/** An estimate of a probability from `samples` draws: `hits / samples` and its 95% interval. */
export interface Estimate {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly hits: number;
  readonly samples: number;
}

/** The 95% Wilson score interval for `hits` out of `samples` (sound near 0, unlike ±1.96σ). */
export function wilson(hits: number, samples: number): Estimate {
  const z95 = 1.959964;
  const phat = hits / samples;
  const z2 = z95 * z95;
  const centre = (phat + z2 / (2 * samples)) / (1 + z2 / samples);
  const half =
    (z95 * Math.sqrt((phat * (1 - phat)) / samples + z2 / (4 * samples * samples))) /
    (1 + z2 / samples);
  return {
    estimate: phat,
    low: hits === 0 ? 0 : Math.max(0, centre - half),
    high: hits === samples ? 1 : Math.min(1, centre + half),
    hits,
    samples,
  };
}

/**
 * Monte Carlo: draws `samples` up/down sets of the suite's representatives (each down with
 * probability `p`) from `rng`, and counts the reads and the writes that could not gather their
 * quorum.
 */
export function sampleBlocking(
  suite: Suite,
  p: number,
  samples: number,
  rng: Rng,
): { read: Estimate; write: Estimate } {
  let read = 0;
  let write = 0;
  for (let s = 0; s < samples; s++) {
    let up = 0;
    for (const v of suite.votes) if (rng.next() >= p) up += v;
    if (up < suite.r) read++;
    if (up < suite.w) write++;
  }
  return { read: wilson(read, samples), write: wilson(write, samples) };
}

/** One row of the availability table. */
export interface TableRow {
  readonly suite: string;
  readonly votes: readonly number[];
  readonly r: number;
  readonly w: number;
  readonly p: number;
  readonly readBlocked: number;
  readonly writeBlocked: number;
  readonly readSampled: Estimate;
  readonly writeSampled: Estimate;
}

/** The experiment's settings: a seed, the unavailability of the table, the Monte Carlo draws. */
export const votingOptionsSchema = z.strictObject({
  seed: z.number().int(),
  p: z.number().min(0).max(1).default(PAPER_P),
  samples: z.number().int().min(1).max(100_000_000).default(1_000_000),
  /** Points on the p axis of the plots (p from 0 to 1). */
  points: z.number().int().min(2).max(1000).default(51),
});

/** The experiment's settings, defaults filled in. */
export type VotingOptions = z.output<typeof votingOptionsSchema>;

/** The table's rows: each suite at unavailability `p`, exact and sampled. */
export function availabilityTable(
  suites: readonly Suite[],
  p: number,
  samples: number,
  seed: number,
): TableRow[] {
  const rng = new Rng(seed);
  return suites.map((s) => {
    const sampled = sampleBlocking(s, p, samples, rng);
    return {
      suite: s.name,
      votes: s.votes,
      r: s.r,
      w: s.w,
      p,
      readBlocked: blockingProbability(s.votes, s.r, p),
      writeBlocked: blockingProbability(s.votes, s.w, p),
      readSampled: sampled.read,
      writeSampled: sampled.write,
    };
  });
}

/** A probability for the table: three significant digits in scientific notation. */
export function sci(x: number): string {
  return x === 0 ? '0' : x.toExponential(2);
}

/** Rows of cells as a markdown table, columns padded to their widest cell (as prettier lays it out). */
export function alignedTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((h, i) =>
    Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  return `${[line(header), rule, ...rows.map(line)].join('\n')}\n`;
}

/** The table as markdown: exact blocking probabilities and the Monte Carlo estimates. */
export function markdownTable(rows: readonly TableRow[]): string {
  const interval = (e: Estimate) => `${sci(e.estimate)} [${sci(e.low)}, ${sci(e.high)}]`;
  return alignedTable(
    [
      'suite',
      'votes',
      'r',
      'w',
      'p',
      'read blocked (exact)',
      'write blocked (exact)',
      'read blocked (Monte Carlo, 95% CI)',
      'write blocked (Monte Carlo, 95% CI)',
    ],
    rows.map((row) => [
      row.suite,
      `<${row.votes.join(',')}>`,
      String(row.r),
      String(row.w),
      String(row.p),
      sci(row.readBlocked),
      sci(row.writeBlocked),
      interval(row.readSampled),
      interval(row.writeSampled),
    ]),
  );
}

/** The table as CSV, one row per suite. */
export function csvTable(rows: readonly TableRow[]): string {
  const header =
    'suite,votes,r,w,p,read_blocked,write_blocked,read_mc,read_mc_low,read_mc_high,write_mc,write_mc_low,write_mc_high,samples';
  const body = rows.map((row) =>
    [
      `"${row.suite}"`,
      `"${row.votes.join(' ')}"`,
      row.r,
      row.w,
      row.p,
      row.readBlocked,
      row.writeBlocked,
      row.readSampled.estimate,
      row.readSampled.low,
      row.readSampled.high,
      row.writeSampled.estimate,
      row.writeSampled.low,
      row.writeSampled.high,
      row.readSampled.samples,
    ].join(','),
  );
  return `${[header, ...body].join('\n')}\n`;
}

/**
 * Blocking probability against p for every quorum size on an n-copy suite of one vote each: the
 * curve for q is a read's with r = q and a write's with w = q, so a pair (r, w) reads its two
 * curves off it (r + w = n + 1: the larger one quorum, the smaller the other).
 */
export function blockingCurves(n: number, points: number): Experiment {
  const votes = Array.from({ length: n }, () => 1);
  const ps = Array.from({ length: points }, (_, k) => k / (points - 1));
  const series: Series[] = Array.from({ length: n }, (_, k) => {
    const q = k + 1;
    return {
      name: `r or w = ${q}`,
      rows: ps.map((p) => ({ x: p, y: blockingProbability(votes, q, p) })),
    };
  });
  return {
    name: `voting-blocking-${n}`,
    title: `Blocking probability of a ${n}-copy suite (one vote each), by quorum`,
    xLabel: 'p: probability a representative is unavailable',
    yLabel: 'P(quorum q cannot be gathered)',
    series,
  };
}
