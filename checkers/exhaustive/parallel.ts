import { Worker } from 'node:worker_threads';
import type { JsonObject } from '../../models/kernel/json.ts';
import { LocalTable } from '../../models/kernel/local-table.ts';
import { boundedParams, type Protocol, type Variant } from '../../models/kernel/protocol.ts';
import { System } from '../../models/kernel/system.ts';
import { UsageError } from '../usage-error.ts';
import {
  INTERRUPTED,
  runExhaustive,
  runExhaustiveAsync,
  Search,
  withLiveness,
  type ExhaustiveOptions,
  type ExhaustiveResult,
  type PartialResult,
  type Path,
} from './search.ts';
import { SharedFingerprintStore } from './shared-store.ts';
import { moduleOf } from '../../models/registry.ts';

/** What a worker is started with. */
export interface WorkerInput {
  /** The TypeScript module the boot script loads. */
  readonly module: string;
  readonly protocol: string;
  /** For a user's protocol: the module that defines it (the worker loads it first). */
  readonly protocolModule: string | null;
  readonly variant: string;
  readonly params: JsonObject;
  readonly options: Omit<ExhaustiveOptions, 'onProgress' | 'signal'>;
  readonly store: SharedArrayBuffer;
  readonly counters: SharedArrayBuffer;
  /** Two words: `NEXT_PATH`, the next frontier index to claim, and `STOP`, the stop flag. */
  readonly control: SharedArrayBuffer;
  /** Paths from the initial world to each frontier world. */
  readonly paths: readonly Path[];
}

/** The word of `WorkerInput.control` that holds the next frontier index to claim. */
export const NEXT_PATH = 0;
/** The word of `WorkerInput.control` that is 1 once a thread has said stop. */
export const STOP = 1;

/** Most slots the shared store grows to when no state bound sizes it: 2^25 (256 MB). */
const DEFAULT_SLOTS = 1 << 25;

/**
 * The exhaustive engine on several threads. This thread searches breadth-first until a level holds
 * enough worlds to share (64 per worker), storing fingerprints in a shared table; workers then
 * claim those worlds one at a time and search depth-first below them into the same table. Every
 * state is stored, hence expanded, by exactly one thread, so the distinct count equals one
 * thread's. Counterexamples found in parallel need not be shortest: when one is found, the search
 * is re-run breadth-first on this thread (up to the violation) so the reported trace is the
 * shortest and the same as with one worker.
 */
export async function runExhaustiveParallel(
  protocol: Protocol,
  variant: Variant,
  options: ExhaustiveOptions,
): Promise<ExhaustiveResult> {
  const workers = options.workers ?? 1;
  if (workers <= 1) return runExhaustiveAsync(protocol, variant, options);
  if (options.por === true)
    throw new UsageError('--por reduces a search on one thread: use it without --workers');
  if (options.exact)
    throw new UsageError('--exact stores whole states in one thread: use it without --workers');
  if (options.bitstate !== undefined || options.order !== undefined)
    throw new UsageError(
      '--bitstate and --shard search depth-first on one thread: use them without --workers',
    );
  const params =
    options.params ?? boundedParams(protocol, variant, options.nodes ?? protocol.nodes.default);
  const sys = new System(protocol, variant, params, new LocalTable());
  const slots =
    options.maxStates === undefined ? DEFAULT_SLOTS : Math.ceil(options.maxStates / 0.7);
  const store = SharedFingerprintStore.create(slots);
  const control = new SharedArrayBuffer(8);
  const flags = new Int32Array(control);
  const search = new Search(sys, options, store, () => Atomics.load(flags, STOP) !== 0);
  let frontier: { paths: Path[] } | null = null;
  search.guarded(() => (frontier = search.bfs(64 * workers)));
  if (frontier === null) return search.result();
  const { onProgress, signal, ...plain } = options;
  const input: Omit<WorkerInput, 'paths'> & { paths: Path[] } = {
    module: new URL(BUILT ? './worker.js' : './worker.ts', import.meta.url).href,
    protocol: protocol.name,
    protocolModule: moduleOf(protocol) ?? null,
    variant: variant.name,
    params,
    options: plain,
    store: store.buffer,
    counters: store.counterBuffer,
    control,
    paths: (frontier as { paths: Path[] }).paths,
  };
  // This thread adds no more (a doubling it asked for is done first); each worker takes part from
  // when it starts (`join`).
  store.leave();
  const progress = onProgress;
  const timer =
    progress === undefined
      ? undefined
      : setInterval(
          () => progress({ distinct: store.size, transitions: 0, queue: 0, depth: 0 }),
          250,
        );
  // A signal stops every worker, as a worker's violation or bound does.
  const halt = () => Atomics.store(flags, STOP, 1);
  signal?.addEventListener('abort', halt);
  try {
    const results = await Promise.all(Array.from({ length: workers }, () => startWorker(input)));
    for (const r of results) search.merge(r);
  } finally {
    if (timer !== undefined) clearInterval(timer);
    signal?.removeEventListener('abort', halt);
  }
  const result = search.result();
  if (signal?.aborted === true) {
    return { ...result, complete: false, stopped: result.stopped ?? INTERRUPTED };
  }
  if (result.trace === null) return withLiveness(sys, result, options);
  // Make the counterexample the shortest one, and the same as one worker would report.
  const shortest = runExhaustive(protocol, variant, { ...options, workers: 1, strategy: 'bfs' });
  return { ...result, trace: shortest.trace ?? result.trace };
}

/** Whether this module runs compiled (`dist/…/parallel.js`) rather than from its TypeScript source. */
const BUILT = import.meta.url.endsWith('.js');

function startWorker(input: WorkerInput): Promise<PartialResult> {
  return new Promise((resolve, reject) => {
    // Built (dist/): the worker is JavaScript; from source, worker-boot.js registers tsx first.
    const boot = new URL(BUILT ? './worker.js' : './worker-boot.js', import.meta.url);
    const worker = new Worker(boot, { workerData: input });
    worker.once('message', (m: PartialResult) => resolve(m));
    // A worker that fails stops the others too (a doubling of the shared table would wait for
    // it forever).
    const fail = (error: Error) => {
      Atomics.store(new Int32Array(input.control), STOP, 1);
      reject(error);
    };
    worker.once('error', fail);
    worker.once('exit', (code) => {
      if (code !== 0) fail(new Error(`a search worker exited with code ${code}`));
    });
  });
}
