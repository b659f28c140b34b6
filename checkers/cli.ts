import { Command, CommanderError, Option } from 'commander';
// Each command's module is imported in its action, so `--help`, `--version` and `list` load
// little; type-only imports cost nothing at run time.
import type { CheckOptions } from './commands/check.ts';
import type { HISTORY_FORMATS, HISTORY_MODELS } from './commands/check-history.ts';
import type { DEFAULT_OUT } from './commands/experiment.ts';
import type { LINEARIZABLE_SPECS } from './commands/linearizable.ts';
import { withInterrupt } from './commands/interrupt.ts';
import { DRIVER_MODES, driverMode, driverModeNamed } from '../models/kernel/pure-driver.ts';
import { parseCount, UsageError } from './usage-error.ts';
import { parseShard } from './shard.ts';
import { packageVersion } from './version.ts';
import { STACK_VARIABLE, stackLines, stacksWanted } from './stack.ts';

// The option choices and defaults that `--help` shows, spelled out here (not imported from the
// command modules) so that help loads no checker; the types make them equal to the modules'.
type HistoryModel = (typeof HISTORY_MODELS)[number];
type HistoryFormat = (typeof HISTORY_FORMATS)[number];
const historyModels = Object.keys({
  serializable: 1,
  linearizable: 1,
} satisfies Record<HistoryModel, 1>);
const linearizableSpecs = Object.keys({
  register: 1,
  counter: 1,
  kv: 1,
} satisfies Record<(typeof LINEARIZABLE_SPECS)[number], 1>);
const historyFormats = Object.keys({
  auto: 1,
  jsonl: 1,
  edn: 1,
  'elle-json': 1,
} satisfies Record<HistoryFormat, 1>);
const experimentOut: typeof DEFAULT_OUT = 'results/<protocol>';

/** Exit code for bad input. */
export const EXIT_USAGE = 2;
/** Exit code for an internal error (a model or engine bug), never for user input. */
export const EXIT_INTERNAL = 4;

/** Output sinks, replaceable in tests. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** How `-` reads standard input (default: the process's). */
  readonly stdin?: () => Uint8Array;
}

const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Loads the users' protocols a command names (`--config`, else `./groupcheck.config.*`, then
 * `--load`), and `file` when the protocol argument is a file; returns the names `file` defines.
 */
async function loadForCommand(
  opts: { load?: unknown; config?: unknown },
  file?: string,
): Promise<string[] | null> {
  const { loadModule, loadUserProtocols, looksLikeFile } = await import('./load.ts');
  await loadUserProtocols({
    ...(Array.isArray(opts.load) ? { load: opts.load as string[] } : {}),
    ...(typeof opts.config === 'string' ? { config: opts.config } : {}),
  });
  if (file === undefined || !looksLikeFile(file)) return null;
  return (await loadModule(file)).map((p) => p.name);
}

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
    .option('--load <file...>', 'also list your protocols from these files')
    .option('--config <file>', 'a config listing your protocols (default: ./groupcheck.config.ts)')
    .action(async (opts: { json?: boolean; load?: string[]; config?: string }) => {
      await loadForCommand(opts);
      const { listCommand } = await import('./commands/list.ts');
      code = listCommand(opts.json === true, io.out);
    });

  program
    .command('check')
    .description('explore a protocol under generated faults and orderings; exit 1 on a violation')
    .argument('[protocol]', 'protocol name (see: groupcheck list), or a file of your own (./x.ts)')
    .option('--all', 'every protocol (its correct variants; add --mutants for the mutants)')
    .option('--mutants', 'also run the mutants, each expected to break its property')
    .option('--variant <name>', 'one variant (default: every correct variant)')
    .addOption(
      new Option('--engine <name>', 'exploration engine (all: both, one after the other)')
        .choices(['random', 'exhaustive', 'all'])
        .default('random'),
    )
    .option('--nodes <n>', "number of nodes (random: fixed; exhaustive: default the protocol's)")
    .option(
      '--param <key=value>',
      'set a protocol parameter (repeatable; value JSON or text, e.g. members=4, multicasts=[0,1]); names and defaults: groupcheck list',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--seed <n>', 'random: the same seed gives the same scenarios and trace', '1')
    .option('--runs <n>', "random: scenarios per variant (default: the protocol's budget)")
    .addOption(
      new Option('--scheduler <name>', 'random: uniform choices, or PCT priorities (--depth)')
        .choices(['uniform', 'pct'])
        .default('uniform'),
    )
    .option('--depth <d>', 'random, pct: the bug depth it targets (d-1 change points; default 3)')
    .option('--swarm', 'random: each scenario disables a random subset of fault and action kinds')
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
    .option(
      '--por',
      'exhaustive: partial-order reduction (persistent sets; depth-first reduces most); safety, quiescence and sometimes properties',
    )
    .option('--exact', 'exhaustive: store whole canonical states instead of 64-bit fingerprints')
    .option('--workers <n>', 'exhaustive: worker threads sharing one fingerprint store (default 1)')
    .option(
      '--shard <i/n>',
      'run shard i of n (random: its share of --runs from seed+i-1; exhaustive: a swarm DFS); combine with groupcheck merge',
    )
    .option(
      '--bitstate <b>',
      'exhaustive: a 2^b-bit bitstate table (16-32) instead of fingerprints',
    )
    .option('--trace-out <file>', 'where to write a counterexample trace')
    .option('--json', 'print one JSON object')
    .addOption(
      new Option('--reporter <name>', 'text, or junit: JUnit XML for CI (default text)').choices([
        'text',
        'junit',
      ]),
    )
    .option('--junit-out <file>', 'write the JUnit XML report here (atomically), not on stdout')
    .option('--load <file...>', 'load your protocols from these files (protocol or config files)')
    .option('--config <file>', 'a config listing your protocols (default: ./groupcheck.config.ts)')
    .action(
      async (protocol: string | undefined, opts: Record<string, string | boolean | undefined>) => {
        const { checkCommand, MAX_RUNS, MAX_SEED, MAX_WORKERS } =
          await import('./commands/check.ts');
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
              '--por': opts['por'],
              '--exact': opts['exact'],
              '--workers': opts['workers'],
              '--bitstate': opts['bitstate'],
            },
            'exhaustive',
          );
        } else {
          only(
            {
              '--runs': opts['runs'],
              '--scheduler pct': opts['scheduler'] === 'pct' ? true : undefined,
              '--depth': opts['depth'],
              '--swarm': opts['swarm'],
            },
            'random',
          );
        }
        if (opts['depth'] !== undefined && opts['scheduler'] !== 'pct')
          throw new UsageError("--depth is the pct scheduler's: add --scheduler pct");
        const junitOut = str('junitOut');
        const junit = str('reporter') === 'junit' || junitOut !== undefined;
        if (str('reporter') === 'text' && junitOut !== undefined)
          throw new UsageError('--junit-out writes the junit reporter: not with --reporter text');
        if (junit && junitOut === undefined && opts['json'] === true)
          throw new UsageError(
            '--reporter junit prints XML on stdout: add --junit-out FILE for --json',
          );
        const options: CheckOptions = {
          ...(junit ? { junit: junitOut === undefined ? {} : { out: junitOut } } : {}),
          all: opts['all'] === true,
          mutants: opts['mutants'] === true,
          engines: engine === 'all' ? ['random', 'exhaustive'] : [random ? 'random' : 'exhaustive'],
          strategy: str('strategy') === 'dfs' ? 'dfs' : 'bfs',
          seed: parseCount('--seed', str('seed') ?? '1', 0, MAX_SEED),
          json: opts['json'] === true,
          symmetry: opts['symmetry'] === true,
          ...(opts['por'] === true ? { por: true } : {}),
          exact: opts['exact'] === true,
          ...(str('scheduler') === 'pct' ? { scheduler: 'pct' as const } : {}),
          ...(opts['swarm'] === true ? { swarm: true } : {}),
          ...count('depth', '--depth', 1, 10),
          ...count('bitstate', '--bitstate', 16, 32),
          ...(str('shard') === undefined ? {} : { shard: parseShard(str('shard')!) }),
          ...(protocol === undefined ? {} : { protocol }),
          ...text('variant'),
          ...text('traceOut'),
          ...(Array.isArray(opts['param']) ? { paramArgs: opts['param'] as string[] } : {}),
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
        const fromFile = await loadForCommand(opts, protocol);
        code = await withInterrupt((signal) =>
          checkCommand(
            fromFile === null
              ? options
              : { ...options, protocol: fromFile[0]!, protocols: fromFile },
            { ...io, signal },
          ),
        );
      },
    );

  program
    .command('merge')
    .description('combine the --json reports of check --shard i/n runs into one verdict')
    .argument('<reports...>', "the shards' check --shard i/n --json outputs (- : standard input)")
    .option('--json', 'print one JSON object: the merged check report')
    .action(async (reports: string[], opts: { json?: boolean }) => {
      const { mergeCommand } = await import('./commands/merge.ts');
      code = mergeCommand(reports, opts.json === true, io.out);
    });

  program
    .command('replay')
    .description('re-execute a trace; exit 1 if its violation reproduces, 3 if it diverges')
    .argument('<file>', 'a trace written by check (-: standard input)')
    .option(
      '--format <format>',
      'text, mermaid, itf (Apalache/Quint), shiviz (vector-clock log) or html (viewer)',
      'text',
    )
    .option('--out <file>', 'write the chart or export to this file (atomically), not stdout')
    .option(
      '--load <file...>',
      "load your protocols from these files (default: the trace's module)",
    )
    .option('--config <file>', 'a config listing your protocols (default: ./groupcheck.config.ts)')
    .action(
      async (
        file: string,
        opts: { format: string; out?: string; load?: string[]; config?: string },
      ) => {
        await loadForCommand(opts);
        const { replayCommand } = await import('./commands/replay.ts');
        code = await replayCommand(
          file,
          {
            format: opts.format,
            ...(opts.out === undefined ? {} : { out: opts.out }),
            ...(io.stdin === undefined ? {} : { stdin: io.stdin }),
          },
          io.out,
          io.err,
        );
      },
    );

  program
    .command('check-history')
    .description(
      'check a history of transactions or operations (docs/history-format.md); exit 1 if it fails',
    )
    .argument('<file>', 'the history, one transaction or operation per line (-: standard input)')
    .addOption(
      new Option('--model <model>', 'the consistency model to check')
        .choices(historyModels)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--format <format>',
        'jsonl, Jepsen edn, elle-cli json, or auto (by extension, then contents)',
      )
        .choices(historyFormats)
        .default('auto'),
    )
    .addOption(
      new Option(
        '--spec <spec>',
        'linearizable: the object (register, counter, key-value)',
      ).choices(linearizableSpecs),
    )
    .option('--json', 'print one JSON object (every anomaly) on stdout, the verdict on stderr')
    .action(
      async (
        file: string,
        opts: { model: string; format: string; spec?: string; json?: boolean },
      ) => {
        const { checkHistoryCommand } = await import('./commands/check-history.ts');
        code = checkHistoryCommand(
          file,
          {
            model: opts.model,
            format: opts.format,
            json: opts.json === true,
            ...(opts.spec === undefined ? {} : { spec: opts.spec }),
            ...(io.stdin === undefined ? {} : { stdin: io.stdin }),
          },
          io.out,
          io.err,
        );
      },
    );

  program
    .command('experiment')
    .description('run a protocol simulator at scale; write series (CSV, JSON) and SVG plots')
    .argument(
      '<protocol>',
      'protocol with experiments (freenet, diffusion, voting, multicast, gnutella)',
    )
    .option('--nodes <n>', 'freenet: network size (20 to 100000; default 1000)')
    .option('--seed <n>', 'the same seed gives the same files, byte for byte', '1')
    .option('--steps <n>', 'freenet: timesteps of learning per node (default 10)')
    .option('--param <key=value...>', "another protocol's settings, e.g. --param maxWorkers=16")
    .option('--out <dir>', 'where to write the files', experimentOut)
    .action(
      async (
        protocol: string,
        opts: { nodes?: string; seed: string; steps?: string; out: string; param?: string[] },
      ) => {
        const { experimentCommand } = await import('./commands/experiment.ts');
        const out = opts.out === experimentOut ? {} : { out: opts.out };
        code = await experimentCommand(
          protocol,
          {
            seed: opts.seed,
            ...out,
            ...(opts.nodes === undefined ? {} : { nodes: opts.nodes }),
            ...(opts.steps === undefined ? {} : { steps: opts.steps }),
            ...(opts.param === undefined ? {} : { param: opts.param }),
          },
          io.out,
        );
      },
    );

  const mode = driverMode.current;
  try {
    // How local transitions run (pure-driver.ts): for this run, and its worker threads, which read
    // the same variable.
    const driver = process.env['GROUPCHECK_DRIVER'];
    if (driver !== undefined) {
      const known = driverModeNamed(driver);
      if (known === undefined) {
        throw new UsageError(
          `GROUPCHECK_DRIVER must be one of ${DRIVER_MODES.join(', ')}, not '${driver}'`,
        );
      }
      driverMode.current = known;
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    const { TraceError } = await import('./trace.ts');
    if (e instanceof UsageError || e instanceof TraceError) {
      io.err(`groupcheck: ${e.message}`);
      return EXIT_USAGE;
    }
    const { ModelError } = await import('../models/kernel/model-error.ts');
    // The model cannot run at all (its configuration, or a node's start): not an engine bug.
    const what = e instanceof ModelError ? 'model error' : 'internal error';
    const line = `groupcheck: ${what}: ${e instanceof Error ? e.message : String(e)}`;
    if (!stacksWanted()) {
      io.err(`${line} (${STACK_VARIABLE}=1 prints where)`);
      return EXIT_INTERNAL;
    }
    io.err(line);
    for (const stack of stackLines(e)) io.err(stack);
    return EXIT_INTERNAL;
  } finally {
    driverMode.current = mode;
  }
}
