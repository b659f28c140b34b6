/**
 * What the bench scripts that run on their own share (`npx tsx bench/liveness.ts [protocol...]`,
 * likewise `monitors.ts`, `por.ts`, `symmetry.ts`): the protocols named, and `TIMES` runs; and
 * `npm run bench`'s options.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { findProtocol, protocols } from '../models/index.ts';
import type { Protocol } from '../models/kernel/protocol.ts';

/** The protocols named (all of them when none is), skipping names no protocol has. */
export function chosenProtocols(names: readonly string[]): Protocol[] {
  if (names.length === 0) return [...protocols];
  return names.map((n) => findProtocol(n)).filter((p) => p !== undefined);
}

/**
 * Why a bench script's arguments are refused (an unknown protocol, a `TIMES` that is not a whole
 * number from 1 to 100), or null.
 */
export function badBenchInput(names: readonly string[], times: string | undefined): string | null {
  const unknown = names.find((n) => findProtocol(n) === undefined);
  if (unknown !== undefined) return `no protocol is called '${unknown}'`;
  if (times !== undefined && !/^(?:[1-9]\d?|100)$/.test(times)) {
    return `TIMES must be a whole number from 1 to 100, not '${times}'`;
  }
  return null;
}

/**
 * Whether the module at `url` (its `import.meta.url`) is the script this process was started with.
 * Compared as URLs: a path with a space or a relative one is spelt differently in a file URL, and a
 * check against the raw path would skip the script's main and print nothing.
 */
export function runsAsScript(url: string, argv1: string | undefined = process.argv[1]): boolean {
  return argv1 !== undefined && url === pathToFileURL(path.resolve(argv1)).href;
}

/**
 * Runs a bench script on its command line: prints `table(names, times)`, or refuses bad input
 * with one line and exit code 2.
 */
export function benchMain(table: (names: readonly string[], times: number) => string): void {
  const names = process.argv.slice(2);
  const times = process.env['TIMES'];
  const bad = badBenchInput(names, times);
  if (bad !== null) {
    console.error(`bench: ${bad}`);
    process.exit(2);
  }
  console.log(table(names, Number(times ?? 3)));
}

/** The sections of `npm run bench`, in the order they run. */
export const BENCH_SECTIONS = [
  'random',
  'shrink',
  'exhaustive',
  'protocols',
  'ratio',
  'serializability',
  'napster',
  'liveness',
  'monitors',
  'symmetry',
  'por',
  'multicast',
  'freenet',
  'commit',
  'gnutella',
] as const;

/** A section of `npm run bench`. */
export type BenchSection = (typeof BENCH_SECTIONS)[number];

/**
 * `npm run bench`'s options: fewer repeats, the sections to run (all when null), and the
 * protocols the per-protocol sections (random, shrink, protocols, ratio) cover.
 */
export interface BenchOptions {
  readonly quick: boolean;
  readonly only: ReadonlySet<BenchSection> | null;
  readonly protocols: readonly Protocol[];
}

/**
 * `npm run bench`'s arguments (`--quick`, `--only a,b`, `--protocols x,y`) read, or why they are
 * refused (an unknown option, section or protocol).
 */
export function benchOptions(argv: readonly string[]): BenchOptions | string {
  let values: { quick?: boolean; only?: string; protocols?: string };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean' },
        only: { type: 'string' },
        protocols: { type: 'string' },
      },
    }).values;
  } catch (error) {
    return (error as Error).message;
  }
  const names = values.protocols === undefined ? [] : list(values.protocols);
  const unknown = badBenchInput(names, undefined);
  if (unknown !== null) return unknown;
  const quick = values.quick === true;
  const chosen = chosenProtocols(names);
  if (values.only === undefined) return { quick, only: null, protocols: chosen };
  const only = new Set<BenchSection>();
  for (const name of list(values.only)) {
    const section = BENCH_SECTIONS.find((s) => s === name);
    if (section === undefined) {
      return `no section '${name}' (sections: ${BENCH_SECTIONS.join(', ')})`;
    }
    only.add(section);
  }
  return { quick, only, protocols: chosen };
}

/** A comma-separated list's items, trimmed. */
function list(text: string): string[] {
  return text.split(',').map((x) => x.trim());
}

/**
 * The arguments of a child bench process that runs `section` alone with `options`' other choices
 * (`--quick`, the protocols named).
 */
export function sectionArgs(options: BenchOptions, section: BenchSection): string[] {
  const args = ['--only', section];
  if (options.quick) args.push('--quick');
  if (options.protocols.length < protocols.length)
    args.push('--protocols', options.protocols.map((p) => p.name).join(','));
  return args;
}

/** Set in a child bench process (`sectionArgs`), which leaves the heading to its parent. */
export const SECTION_CHILD = 'GROUPCHECK_BENCH_SECTION';
