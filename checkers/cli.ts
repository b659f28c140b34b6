import { Command, CommanderError, Option } from 'commander';
import {
  checkCommand,
  MAX_RUNS,
  MAX_SEED,
  MAX_WORKERS,
  type CheckOptions,
} from './commands/check.ts';
import { checkHistoryCommand, HISTORY_FORMATS, HISTORY_MODELS } from './commands/check-history.ts';
import { DEFAULT_OUT, experimentCommand } from './commands/experiment.ts';
import { withInterrupt } from './commands/interrupt.ts';
import { listCommand } from './commands/list.ts';
import { replayCommand } from './commands/replay.ts';
import { TraceError } from './trace.ts';
import { parseCount, UsageError } from './usage-error.ts';
import { packageVersion } from './version.ts';

/** Exit code for bad input. */
export const EXIT_USAGE = 2;
/** Exit code for an internal error (a model or engine bug), never for user input. */
export const EXIT_INTERNAL = 4;

/** Output sinks, replaceable in tests. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs the `groupcheck` command line; resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code = 0;
  const program = new Command('groupcheck')
    .description(
      'Executable models of group-communication protocols, checked under generated faults and orderings',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
      // One line: commander puts its "(Did you mean …?)" on a line of its own.
      outputError: (text, write) =>
        write(
          `groupcheck: ${text
            .replace(/^error: /, '')
            .trim()
            .replace(/\s*\n\s*/g, ' ')}\n`,
        ),
    })
    .showSuggestionAfterError()
    .version(packageVersion(), '-V, --version', 'print the version');

  program
    .command('list')
    .description('protocols, their variants (correct or mutant) and their properties')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      code = listCommand(opts.json === true, io.out);
    });

  program
    .command('check')
    .description('explore a protocol under generated faults and orderings; exit 1 on a violation')
    .argument('[protocol]', 'protocol name (see: groupcheck list)')
    .option('--all', 'every protocol (its correct variants; add --mutants for the mutants)')
    .option('--mutants', 'also run the mutants, each expected to break its property')
    .option('--variant <name>', 'one variant (default: every correct variant)')
    .addOption(
      new Option('--engine <name>', 'exploration engine (all: both, one after the other)')
        .choices(['random', 'exhaustive', 'all'])
        .default('random'),
    )
    .option('--nodes <n>', "number of nodes (random: fixed; exhaustive: default the protocol's)")
    .option('--seed <n>', 'random: the same seed gives the same scenarios and trace', '1')
    .option('--runs <n>', "random: scenarios per variant (default: the protocol's budget)")
    .addOption(
      new Option('--strategy <s>', 'exhaustive: breadth-first (shortest traces) or depth-first')
        .choices(['bfs', 'dfs'])
        .default('bfs'),
    )
    .option('--max-depth <n>', 'exhaustive: do not expand worlds at this depth')
    .option('--max-states <n>', 'exhaustive: stop after this many distinct states')
    .option('--max-seconds <n>', 'exhaustive: stop after this much wall time')
    .option('--max-memory <mb>', 'exhaustive: stop above this resident memory (MB)')
    .option('--symmetry', 'exhaustive: one representative per orbit of interchangeable nodes')
    .option('--exact', 'exhaustive: store whole canonical states instead of 64-bit fingerprints')
    .option('--workers <n>', 'exhaustive: worker threads sharing one fingerprint store (default 1)')
    .option('--trace-out <file>', 'where to write a counterexample trace')
    .option('--json', 'print one JSON object')
    .action(
      async (protocol: string | undefined, opts: Record<string, string | boolean | undefined>) => {
        const str = (k: string) => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
        const count = (k: string, flag: string, min: number, max?: number) => {
          const v = str(k);
          return v === undefined ? {} : { [k]: parseCount(flag, v, min, max) };
        };
        const text = (k: string) => (str(k) === undefined ? {} : { [k]: str(k) });
        const engine = str('engine') ?? 'random';
        const random = engine === 'random';
        const only = (flags: Record<string, unknown>, engine: string) => {
          for (const [flag, value] of Object.entries(flags)) {
            if (value !== undefined && value !== false)
              throw new UsageError(`${flag} applies to the ${engine} engine only`);
          }
        };
        if (engine === 'all') {
          // Both engines: each takes the flags that concern it.
        } else if (random) {
          only(
            {
              '--max-depth': opts['maxDepth'],
              '--max-states': opts['maxStates'],
              '--max-seconds': opts['maxSeconds'],
              '--max-memory': opts['maxMemory'],
              '--symmetry': opts['symmetry'],
              '--exact': opts['exact'],
              '--workers': opts['workers'],
            },
            'exhaustive',
          );
        } else {
          only({ '--runs': opts['runs'] }, 'random');
        }
        const options: CheckOptions = {
          all: opts['all'] === true,
          mutants: opts['mutants'] === true,
          engines: engine === 'all' ? ['random', 'exhaustive'] : [random ? 'random' : 'exhaustive'],
          strategy: str('strategy') === 'dfs' ? 'dfs' : 'bfs',
          seed: parseCount('--seed', str('seed') ?? '1', 0, MAX_SEED),
          json: opts['json'] === true,
          symmetry: opts['symmetry'] === true,
          exact: opts['exact'] === true,
          ...(protocol === undefined ? {} : { protocol }),
          ...text('variant'),
          ...text('traceOut'),
          ...count('runs', '--runs', 1, MAX_RUNS),
          ...count('nodes', '--nodes', 1),
          ...count('maxDepth', '--max-depth', 0),
          ...count('workers', '--workers', 1, MAX_WORKERS),
          ...count('maxStates', '--max-states', 1),
          ...count('maxSeconds', '--max-seconds', 1),
          ...(str('maxMemory') === undefined
            ? {}
            : { maxMemoryMb: parseCount('--max-memory', str('maxMemory')!, 1) }),
        };
        code = await withInterrupt((signal) => checkCommand(options, { ...io, signal }));
      },
    );

  program
    .command('replay')
    .description('re-execute a trace; exit 1 if its violation reproduces, 3 if it diverges')
    .argument('<file>', 'a trace written by check')
    .option(
      '--format <format>',
      'text, mermaid, itf (Apalache/Quint), shiviz (vector-clock log) or html (viewer)',
      'text',
    )
    .option('--out <file>', 'write the chart or export to this file (atomically), not stdout')
    .action((file: string, opts: { format: string; out?: string }) => {
      code = replayCommand(
        file,
        { format: opts.format, ...(opts.out === undefined ? {} : { out: opts.out }) },
        io.out,
        io.err,
      );
    });

  program
    .command('check-history')
    .description('check a history of transactions (docs/history-format.md); exit 1 on an anomaly')
    .argument('<file>', 'the history, one transaction per line')
    .addOption(
      new Option('--model <model>', 'the consistency model to check')
        .choices(HISTORY_MODELS)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--format <format>',
        'jsonl, Jepsen edn, elle-cli json, or auto (by extension, then contents)',
      )
        .choices(HISTORY_FORMATS)
        .default('auto'),
    )
    .option('--json', 'print one JSON object')
    .action((file: string, opts: { model: string; format: string; json?: boolean }) => {
      code = checkHistoryCommand(
        file,
        { model: opts.model, format: opts.format, json: opts.json === true },
        io.out,
      );
    });

  program
    .command('experiment')
    .description('run a protocol simulator at scale; write series (CSV, JSON) and SVG plots')
    .argument('<protocol>', 'protocol with a simulator (freenet)')
    .option('--nodes <n>', 'network size (20 to 100000)', '1000')
    .option('--seed <n>', 'the same seed gives the same files, byte for byte', '1')
    .option('--steps <n>', 'timesteps of learning per node (large networks settle later)', '10')
    .option('--out <dir>', 'where to write the files', DEFAULT_OUT)
    .action(
      (protocol: string, opts: { nodes: string; seed: string; steps: string; out: string }) => {
        code = experimentCommand(protocol, opts, io.out);
      },
    );

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (e instanceof UsageError || e instanceof TraceError) {
      io.err(`groupcheck: ${e.message}`);
      return EXIT_USAGE;
    }
    io.err(`groupcheck: internal error: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_INTERNAL;
  }
}
