/**
 * What `npm run bench:ab` reads and reckons: its options, and the comparison of two builds from
 * processes that took turns.
 */
import { parseArgs } from 'node:util';
import { median } from './stats.ts';

/**
 * The workloads a probe runs: the bench's depth-first and breadth-first searches, the liveness pass
 * over the same configuration, its random run.
 */
export const AB_WORKLOADS = ['dfs', 'bfs', 'liveness', 'random'] as const;

/** A workload of `npm run bench:ab`. */
export type AbWorkload = (typeof AB_WORKLOADS)[number];

/** `npm run bench:ab`'s options. */
export interface AbOptions {
  /** The revision the working tree is compared with (anything `git archive` takes). */
  readonly base: string;
  readonly workload: AbWorkload;
  /** How many times each build's process runs. */
  readonly rounds: number;
  /** Runs in each process, the first of them uncounted. */
  readonly runs: number;
}

/** A whole number from `min` to `max`, or null. */
function whole(text: string, min: number, max: number): number | null {
  if (!/^\d{1,3}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/**
 * `npm run bench:ab`'s arguments (`--base REV`, `--workload dfs|bfs|liveness|random`, `--rounds 2-50`,
 * `--runs 2-20`) read, or why they are refused.
 */
export function abOptions(argv: readonly string[]): AbOptions | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        base: { type: 'string', default: 'HEAD' },
        workload: { type: 'string', default: 'dfs' },
        rounds: { type: 'string', default: '6' },
        runs: { type: 'string', default: '5' },
      },
      allowPositionals: false,
    }));
  } catch (e) {
    return (e as Error).message.split('\n')[0]!;
  }
  const workload = values.workload as AbWorkload;
  if (!AB_WORKLOADS.includes(workload))
    return `--workload is one of ${AB_WORKLOADS.join(', ')}, not '${values.workload}'`;
  if (values.base.startsWith('-') || values.base === '')
    return `--base takes a git revision, not '${values.base}'`;
  const rounds = whole(values.rounds, 2, 50);
  if (rounds === null) return `--rounds is a whole number from 2 to 50, not '${values.rounds}'`;
  const runs = whole(values.runs, 2, 20);
  if (runs === null) return `--runs is a whole number from 2 to 20, not '${values.runs}'`;
  return { base: values.base, workload, rounds, runs };
}

/** A process's figure: the median of its runs after the first (the warm-up). */
export function processFigure(rates: readonly number[]): number {
  return median(rates.slice(1));
}

/** Two builds compared over rounds in which each ran one process, in turns. */
export interface AbComparison {
  /** The median of each build's process figures. */
  readonly a: number;
  readonly b: number;
  /** In how many rounds A's process was faster than B's (of `rounds`). */
  readonly aWins: number;
  readonly rounds: number;
  /** The median over rounds of A's figure over B's: a round's two processes shared its load. */
  readonly ratio: number;
  /**
   * The sign test's two-sided p-value: the chance of a split of rounds at least this uneven if
   * neither build were faster (rounds with equal figures left out). Under 0.05: a difference the
   * machine's noise alone would rarely give; an A/A run (`--base HEAD` on a clean tree) shows it.
   */
  readonly p: number;
}

/** The two-sided sign test's p-value for `wins` against `losses`. */
export function signTest(wins: number, losses: number): number {
  const n = wins + losses;
  if (n === 0) return 1;
  let tail = 0;
  let choose = 1; // C(n, i), built up term by term
  for (let i = 0; i <= Math.min(wins, losses); i++) {
    tail += choose;
    choose = (choose * (n - i)) / (i + 1);
  }
  return Math.min(1, (2 * tail) / 2 ** n);
}

/** The comparison of A's and B's process figures, round by round (`a[i]` ran next to `b[i]`). */
export function compareBuilds(a: readonly number[], b: readonly number[]): AbComparison {
  if (a.length !== b.length || a.length === 0) throw new Error('one figure per build per round');
  const aWins = a.filter((x, i) => x > b[i]!).length;
  const bWins = a.filter((x, i) => x < b[i]!).length;
  return {
    a: median(a),
    b: median(b),
    aWins,
    rounds: a.length,
    ratio: median(a.map((x, i) => x / b[i]!)),
    p: signTest(aWins, bWins),
  };
}
