/**
 * Shared helpers for the command-line and trace tests: run `main` in-process with captured output,
 * fresh temporary files, and traces to edit.
 */
import fs from 'node:fs';
import * as fc from 'fast-check';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterEach } from 'vitest';
import { main } from '../../checkers/cli.ts';
import { execute } from '../../checkers/replay.ts';
import { buildTrace, readTrace, type Trace } from '../../checkers/trace.ts';
import { findProtocol } from '../../models/index.ts';
import { forgetRegisteredProtocols, registeredProtocols } from '../../models/registry.ts';
import { randomBreaks } from '../helpers/liveness.ts';
import type { Action } from '../../models/kernel/action.ts';
import type { Protocol, Variant } from '../../models/kernel/protocol.ts';
import { System } from '../../models/kernel/system.ts';
import type { Move } from '../../models/kernel/world.ts';

/** What one `main` call printed and returned; lines are stripped of colour codes. */
export interface CliRun {
  readonly code: number;
  readonly out: readonly string[];
  readonly err: readonly string[];
  /** Every stdout line, joined by newlines. */
  readonly stdout: string;
  /** Every stderr line, joined by newlines. */
  readonly stderr: string;
}

/**
 * Runs `groupcheck ...argv` in-process, collecting what it prints. Protocols it loads are
 * forgotten after it, as a process of its own would forget them: test files share their modules,
 * and a protocol left registered would join a later file's `check --all`.
 */
export async function cli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const registered = registeredProtocols().length;
  let code: number;
  try {
    code = await main(argv, {
      out: (line) => out.push(stripVTControlCharacters(line)),
      err: (line) => err.push(stripVTControlCharacters(line)),
    });
  } finally {
    forgetRegisteredProtocols(registered);
  }
  return { code, out, err, stdout: out.join('\n'), stderr: err.join('\n') };
}

/**
 * Registers cleanup and returns a function giving a path named `name` inside a fresh temporary
 * directory (a new one per call); every directory is removed after each test.
 */
export function useTempFiles(): (name?: string) => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return (name = 'trace.json') => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-'));
    dirs.push(dir);
    return path.join(dir, name);
  };
}

/** The one protocol shipped today. */
export const totalOrder: Protocol = findProtocol('total-order')!;

/** A variant of total-order by name. */
export function variantOf(name: string): Variant {
  const variant = totalOrder.variants.find((v) => v.name === name);
  if (variant === undefined) throw new Error(`no variant ${name}`);
  return variant;
}

/**
 * The mutants of total-order, with the property the random engine shows each breaking: its
 * declared one, or `quiescence` (a livelock) for one that breaks a liveness property.
 */
export const mutants: readonly { name: string; breaks: string }[] = totalOrder.variants
  .filter((v) => v.breaks !== undefined)
  .map((v) => ({ name: v.name, breaks: randomBreaks(totalOrder, v)! }));

/** Runs `check` on a mutant with a small budget, writing its trace to `file`; returns the trace. */
export async function mutantTrace(variant: string, file: string, seed = 1): Promise<Trace> {
  const run = await cli(
    'check',
    'total-order',
    '--variant',
    variant,
    '--runs',
    '200',
    '--seed',
    String(seed),
    '--trace-out',
    file,
  );
  if (run.code !== 1) throw new Error(`check ${variant} exited ${run.code}: ${run.stderr}`);
  return readTrace(file);
}

/** Writes `data` as JSON (or `text` as is) to `file` and returns the file. */
export function writeJson(file: string, data: unknown): string {
  fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  return file;
}

/** A deep, mutable copy of a trace, for editing. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function editable(trace: Trace): any {
  return structuredClone(trace);
}

/** The type of an editable trace (loosely typed on purpose, to build invalid traces). */
export type Editable = ReturnType<typeof editable>;

/**
 * A clean trace of a correct variant: three members each multicast once and the first enabled
 * benign move is taken until none is left (no faults), so every message is delivered everywhere.
 */
export function cleanTrace(variant = 'sequencer'): Trace {
  const params = { members: 3, multicasts: [1, 2, 0], drops: 0, duplicates: 0, timeouts: 0 };
  const sys = new System(totalOrder, variantOf(variant), params);
  const actions: Action[] = [];
  const benign: Move[] = [];
  const faults: Move[] = [];
  let w = sys.initial();
  for (sys.enabled(w, benign, faults); benign.length > 0; sys.enabled(w, benign, faults)) {
    const move = benign[0]!;
    actions.push(sys.toAction(move));
    w = sys.apply(w, move);
  }
  const run = execute(sys, actions);
  if (run.divergence !== null) throw new Error(run.divergence.reason);
  return buildTrace(sys, 'random', null, actions, run.worlds, null);
}

/**
 * An arbitrary that generates `generated` and shrinks it to `shrunk` only: a generation that a
 * mapping accepts and a shrink it refuses, for the tests of what a throw while shrinking gives.
 */
export function shrinksTo(generated: number, shrunk: number): fc.Arbitrary<number> {
  return new (class extends fc.Arbitrary<number> {
    generate(): fc.Value<number> {
      return new fc.Value(generated, undefined);
    }
    canShrinkWithoutContext(value: unknown): value is number {
      return value === generated;
    }
    shrink(value: number): fc.Stream<fc.Value<number>> {
      return fc.Stream.of(...(value === generated ? [new fc.Value(shrunk, undefined)] : []));
    }
  })();
}
