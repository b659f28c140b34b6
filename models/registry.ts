/**
 * The protocols a process knows besides the built-in ones: those loaded from a user's module (a
 * protocol file, or a `groupcheck.config.ts` that lists them), each with the module that defines
 * it, so a trace can name that module and a replay or a worker thread can load it again.
 */
import type { Protocol } from './kernel/protocol.ts';

interface Loaded {
  readonly protocol: Protocol;
  /** The module that registers it when loaded, relative to the working directory, `/`-separated. */
  readonly module: string | null;
}

const loaded: Loaded[] = [];

/**
 * Adds `protocol`, defined in `module` (null: the caller's own code, e.g. a vitest file). Adding
 * the same protocol again is a no-op; another protocol with the name of a known one is an error
 * (`builtIn` lists the built-in names).
 */
export function registerProtocol(
  protocol: Protocol,
  module: string | null,
  builtIn: readonly string[],
): void {
  const same = loaded.find((l) => l.protocol.name === protocol.name);
  // The same object, or the same module loaded again (an import gives a new object each time).
  if (
    same !== undefined &&
    (same.protocol === protocol || (module !== null && same.module === module))
  )
    return;
  if (same !== undefined || builtIn.includes(protocol.name)) {
    const where = same?.module ?? (same === undefined ? 'groupcheck itself' : 'your code');
    throw new Error(
      `two protocols are named '${protocol.name}'${module === null ? '' : ` (${module} and ${where})`}: rename one`,
    );
  }
  loaded.push({ protocol, module });
}

/** The protocols registered so far, in the order they were added. */
export function registeredProtocols(): readonly Protocol[] {
  return loaded.map((l) => l.protocol);
}

/** The module that defines a registered protocol (null if registered by code, undefined if unknown). */
export function moduleOf(protocol: Protocol): string | null | undefined {
  // By name too: a protocol the CLI derived from a loaded one (`--param`) is a copy of it.
  return (
    loaded.find((l) => l.protocol === protocol) ??
    loaded.find((l) => l.protocol.name === protocol.name)
  )?.module;
}

/**
 * Forgets the registered protocols after the first `keep` (default: all of them), for tests: a
 * command run in-process registers what it loads, and the next test file in the same worker
 * would see it (test files share their modules).
 */
export function forgetRegisteredProtocols(keep = 0): void {
  loaded.length = Math.min(keep, loaded.length);
}
