/**
 * Loading users' protocols: a protocol file (`groupcheck check ./my-protocol.ts`, `--load FILE`)
 * or a config file (`groupcheck.config.ts` in the working directory, or `--config FILE`) that lists
 * protocol files or protocols. TypeScript is loaded through tsx, so a user needs no build step.
 * What a module exports that is a protocol (made by `defineProtocol`, or any object of the
 * `Protocol` shape) is registered with the module's path (models/registry.ts), which traces
 * record so that `replay` and worker threads can load it again.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { protocols as builtIn } from '../models/index.ts';
import type { Protocol } from '../models/kernel/protocol.ts';
import { registerProtocol } from '../models/registry.ts';
import { UsageError } from './usage-error.ts';

/** What a `groupcheck.config.ts` exports (default export). */
export interface GroupcheckConfig {
  /** Protocol files (relative to the config file) or protocols. */
  readonly protocols: readonly (string | Protocol)[];
}

/** Types a config file: `export default defineConfig({ protocols: ['./my-protocol.ts'] })`. */
export function defineConfig(config: GroupcheckConfig): GroupcheckConfig {
  return config;
}

/** The config file names looked for in the working directory, in this order. */
export const CONFIG_FILES = [
  'groupcheck.config.ts',
  'groupcheck.config.mts',
  'groupcheck.config.js',
  'groupcheck.config.mjs',
];

/** Whether a `check` argument names a file rather than a protocol. */
export function looksLikeFile(arg: string): boolean {
  return /[\\/]/.test(arg) || /\.(?:[mc]?ts|[mc]?js)$/.test(arg);
}

/** Whether `value` has the shape of a protocol (it may come from another copy of groupcheck). */
export function isProtocol(value: unknown): value is Protocol {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p['name'] === 'string' &&
    Array.isArray(p['variants']) &&
    Array.isArray(p['properties']) &&
    typeof p['configure'] === 'function' &&
    typeof p['scenarios'] === 'function' &&
    typeof p['bounded'] === 'function' &&
    typeof p['paramsSchema'] === 'object'
  );
}

function isConfig(value: unknown): value is GroupcheckConfig {
  return (
    typeof value === 'object' &&
    value !== null &&
    !isProtocol(value) &&
    Array.isArray((value as { protocols?: unknown }).protocols)
  );
}

/** `file` relative to `cwd`, `/`-separated (what traces record: the same on every machine). */
function relative(file: string, cwd: string): string {
  const rel = path.relative(cwd, file).split(path.sep).join('/');
  return rel.startsWith('.') || rel.startsWith('/') ? rel : `./${rel}`;
}

async function importModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  if (/\.[mc]?ts$/.test(file)) {
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
  return (await import(url)) as Record<string, unknown>;
}

/**
 * Loads `file` (a protocol module or a config), registers the protocols it defines and returns
 * them. A missing file, a module that fails to load, or one that defines no protocol is a
 * `UsageError` of one line.
 */
export async function loadModule(file: string, cwd = process.cwd()): Promise<Protocol[]> {
  const absolute = path.resolve(cwd, file);
  const shown = relative(absolute, cwd);
  if (!existsSync(absolute)) throw new UsageError(`cannot load ${shown}: no such file`);
  let exports: Record<string, unknown>;
  try {
    exports = await importModule(absolute);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new UsageError(`cannot load ${shown}: ${message.split('\n')[0]}`);
  }
  // A file outside an ES-module package loads as CommonJS: its exports come under `default`.
  const inner = exports['default'];
  const values = [
    ...Object.values(exports),
    ...(typeof inner === 'object' && inner !== null && !isProtocol(inner) && !isConfig(inner)
      ? Object.values(inner)
      : []),
  ];
  const config = values.find(isConfig);
  if (config !== undefined) return loadConfigObject(config, absolute, cwd);
  const found: Protocol[] = [];
  for (const value of values) if (isProtocol(value) && !found.includes(value)) found.push(value);
  if (found.length === 0) {
    throw new UsageError(
      `${shown} exports no protocol (export the result of defineProtocol, or a config's default)`,
    );
  }
  for (const p of found) register(p, shown);
  return found;
}

async function loadConfigObject(
  config: GroupcheckConfig,
  file: string,
  cwd: string,
): Promise<Protocol[]> {
  const shown = relative(file, cwd);
  const all: Protocol[] = [];
  for (const entry of config.protocols) {
    if (typeof entry === 'string') {
      all.push(...(await loadModule(path.resolve(path.dirname(file), entry), cwd)));
    } else if (isProtocol(entry)) {
      register(entry, shown);
      all.push(entry);
    } else {
      throw new UsageError(`${shown}: every entry of protocols must be a file or a protocol`);
    }
  }
  return all;
}

function register(protocol: Protocol, module: string): void {
  try {
    registerProtocol(
      protocol,
      module,
      builtIn.map((p) => p.name),
    );
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** What to load before a command runs. */
export interface LoadOptions {
  /** Protocol or config files given with `--load`. */
  readonly load?: readonly string[];
  /** A config file given with `--config` (else `groupcheck.config.*` in `cwd`, if any). */
  readonly config?: string;
  /** The working directory (default: the process's). */
  readonly cwd?: string;
}

/** Loads the config (given or found) and every `--load` file; returns what they defined. */
export async function loadUserProtocols(options: LoadOptions): Promise<Protocol[]> {
  const cwd = options.cwd ?? process.cwd();
  const all: Protocol[] = [];
  const config = options.config ?? CONFIG_FILES.find((f) => existsSync(path.join(cwd, f)));
  if (config !== undefined) all.push(...(await loadModule(config, cwd)));
  for (const file of options.load ?? []) all.push(...(await loadModule(file, cwd)));
  return all;
}
