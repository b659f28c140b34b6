import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { Action } from '../models/kernel/action.ts';
import { fingerprint } from '../models/kernel/fingerprint.ts';
import type { System } from '../models/kernel/system.ts';
import type { World } from '../models/kernel/world.ts';
import { moduleOf } from '../models/registry.ts';
import type { StepViolation } from './evaluate.ts';
import { TRACE_FORMAT, TRACE_VERSION, traceSchema, type Trace } from './trace-format.ts';
import { UsageError } from './usage-error.ts';

export type { Trace } from './trace-format.ts';

/** The `module` field of a trace of `sys`: present for a protocol loaded from a user's module. */
function moduleField(sys: System): { module?: string } {
  const module = moduleOf(sys.protocol);
  return module === null || module === undefined ? {} : { module };
}

/** A trace of `actions` run on `sys`, with a fingerprint of every world after the first. */
export function buildTrace(
  sys: System,
  engine: string,
  seed: number | null,
  actions: readonly Action[],
  worlds: readonly World[],
  violation: StepViolation | null,
): Trace {
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    protocol: sys.protocol.name,
    ...moduleField(sys),
    variant: sys.variant.name,
    engine,
    seed,
    config: sys.params,
    nodes: sys.config.nodes.map((n) => n.name),
    actions,
    states: worlds.slice(1).map((w) => fingerprint(w)),
    violation,
  };
}

/** A trace as the JSON text written to files: two-space indented, one action per line. */
export function traceText(trace: Trace): string {
  // Each field is serialized on its own, so nothing inside a payload can be mistaken for layout.
  const fields = Object.entries(trace).map(([key, value]) => {
    const body =
      Array.isArray(value) && (key === 'actions' || key === 'states')
        ? value.length === 0
          ? '[]'
          : `[\n${value.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`
        : JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
    return `  ${JSON.stringify(key)}: ${body}`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

/**
 * Writes a trace atomically: to a temporary file beside the target, then renamed over it; the
 * temporary file is removed if anything fails. Throws `UsageError` when the path cannot be written.
 */
export function writeTrace(path: string, trace: Trace): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, traceText(trace));
    renameSync(tmp, path);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Not a file (a directory in the way): not ours to remove.
    }
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new UsageError(`the trace could not be written to ${path}: ${code}`);
  }
}

/**
 * Fails early, with a `UsageError`, if a trace could not be written to `path`: it is a directory,
 * or the nearest directory on its way that exists is not one, or is not writable. (Root may write
 * anywhere the permissions say no, so a write can still fail later: `check` then reports it.)
 */
export function assertWritable(path: string): void {
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    if (existsSync(path) && statSync(path).isDirectory())
      throw new UsageError(`--trace-out ${path} is a directory`);
    if (!statSync(dir).isDirectory())
      throw new UsageError(`--trace-out ${path}: ${dir} is not a directory`);
    accessSync(dir, constants.W_OK);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(
      `--trace-out ${path} cannot be written: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
}

/** Why a trace file could not be read: one line for the user. */
export class TraceError extends Error {}

/** The path that stands for standard input (`groupcheck replay -`). */
export const STDIN_PATH = '-';
/** How standard input is named in messages. */
export const STDIN_NAME = '<stdin>';

/** Reads all of standard input; replaceable in tests. */
export type StdinReader = () => Uint8Array;

/**
 * Reads standard input to its end, synchronously (a pipe or a redirected file). Refuses a
 * terminal, where nobody would know the command is waiting for a history typed by hand.
 */
export const readStdin: StdinReader = () => {
  if (process.stdin.isTTY === true) {
    throw new TraceError('- reads standard input, which is a terminal: pipe or redirect a file');
  }
  const chunks: Buffer[] = [];
  const chunk = Buffer.alloc(1 << 16);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EOF') break;
      // A non-blocking pipe with nothing in it yet: wait a little, then read again.
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      throw new TraceError(`cannot read standard input: ${code ?? String(e)}`);
    }
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks);
};

/**
 * The bytes of `path`, or of standard input when it is `-`, with the name to show in messages
 * (`<stdin>`). Throws `TraceError` with a one-line reason when it cannot be read.
 */
export function readInput(
  path: string,
  stdin: StdinReader = readStdin,
): { readonly name: string; readonly bytes: Uint8Array } {
  if (path === STDIN_PATH) return { name: STDIN_NAME, bytes: stdin() };
  try {
    return { name: path, bytes: readFileSync(path) };
  } catch (e) {
    throw new TraceError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/**
 * Reads and validates a trace file (`-`: standard input); throws `TraceError` with a one-line
 * reason.
 */
export function readTrace(path: string, stdin: StdinReader = readStdin): Trace {
  const { name, bytes } = readInput(path, stdin);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TraceError(`${name} is not UTF-8`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new TraceError(`${name} is not JSON: ${(e as Error).message}`);
  }
  return parseTrace(data, name);
}

/** Validates parsed JSON as a trace; throws `TraceError` naming the first problem. */
export function parseTrace(data: unknown, where = 'trace'): Trace {
  const format = (data as { format?: unknown })?.format;
  const version = (data as { version?: unknown })?.version;
  if (format !== TRACE_FORMAT)
    throw new TraceError(`${where} is not a groupcheck trace (format: ${JSON.stringify(format)})`);
  if (version !== TRACE_VERSION) {
    throw new TraceError(
      `${where} has trace version ${JSON.stringify(version)}; this groupcheck reads version ${TRACE_VERSION}`,
    );
  }
  const parsed = traceSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TraceError(
      `${where} is not a valid trace: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return parsed.data as Trace;
}
