import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Action } from '../models/kernel/action.ts';
import { fingerprint } from '../models/kernel/fingerprint.ts';
import type { System } from '../models/kernel/system.ts';
import type { World } from '../models/kernel/world.ts';
import type { StepViolation } from './evaluate.ts';
import { TRACE_FORMAT, TRACE_VERSION, traceSchema, type Trace } from './trace-format.ts';

export type { Trace } from './trace-format.ts';

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
    variant: sys.variant.name,
    engine,
    seed,
    config: sys.params,
    nodes: sys.config.nodes.map((n) => n.name),
    actions,
    states: worlds.slice(1).map((w) => fingerprint(sys, w)),
    violation,
  };
}

/** A trace as the JSON text written to files: two-space indented, one action per line. */
export function traceText(trace: Trace): string {
  const lines = (xs: readonly unknown[]) =>
    `[\n${xs.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`;
  const head = { ...trace, actions: '@actions', states: '@states' };
  return (
    JSON.stringify(head, null, 2)
      .replace('"@actions"', trace.actions.length === 0 ? '[]' : lines(trace.actions))
      .replace('"@states"', trace.states.length === 0 ? '[]' : lines(trace.states)) + '\n'
  );
}

/** Writes a trace atomically: to a temporary file beside the target, then renamed over it. */
export function writeTrace(path: string, trace: Trace): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, traceText(trace));
  renameSync(tmp, path);
}

/** Why a trace file could not be read: one line for the user. */
export class TraceError extends Error {}

/** Reads and validates a trace file; throws `TraceError` with a one-line reason. */
export function readTrace(path: string): Trace {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new TraceError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new TraceError(`${path} is not JSON: ${(e as Error).message}`);
  }
  return parseTrace(data, path);
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
