/**
 * A parallel-search worker: builds the same system, then repeatedly claims a frontier world (by
 * an atomic counter), replays the path to it, and searches depth-first from it into the shared
 * store. It reports what it found when the frontier is exhausted or another worker says stop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadBuiltIn } from '../../models/builtin-modules.ts';
import { LocalTable } from '../../models/kernel/local-table.ts';
import { System } from '../../models/kernel/system.ts';
import { Search, type PartialResult } from './search.ts';
import { SharedFingerprintStore } from './shared-store.ts';
import { NEXT_PATH, STOP, type WorkerInput } from './parallel.ts';
import type { Protocol } from '../../models/kernel/protocol.ts';

const input = workerData as WorkerInput;
const protocol =
  (input.protocolModule === null ? await loadBuiltIn(input.protocol) : undefined) ??
  (await others(input.protocolModule));
const variant = protocol.variants.find((v) => v.name === input.variant)!;
const sys = new System(protocol, variant, input.params, new LocalTable());
const store = SharedFingerprintStore.attach(input.store, input.counters);
store.join();
const control = new Int32Array(input.control);
const stopped = () => Atomics.load(control, STOP) !== 0;
const search = new Search(sys, input.options, store, stopped);
try {
  for (
    let next = Atomics.add(control, NEXT_PATH, 1);
    next < input.paths.length && !stopped();
    next = Atomics.add(control, NEXT_PATH, 1)
  ) {
    const path = input.paths[next]!;
    const root = search.replayPath(path);
    search.guarded(() => search.dfs(root, path));
    const found = search.partial();
    if (found.violation !== null || found.stopped !== null) Atomics.store(control, STOP, 1);
  }
} finally {
  // The table's doublings stop waiting for this worker.
  store.leave();
}
const result: PartialResult = search.partial();
parentPort!.postMessage(result);

/** A protocol not built in: from the module that defines it (every protocol loaded with it). */
async function others(module: string | null): Promise<Protocol> {
  const { loadModule } = await import('../load.ts');
  const { findProtocol } = await import('../../models/index.ts');
  if (module !== null) await loadModule(module);
  return findProtocol(input.protocol)!;
}
