/**
 * Reads Jepsen (EDN) and Porcupine-style (JSON) operation histories for the linearizability
 * checker: one op map per operation event, `{:type :invoke, :process 0, :f :write, :value 1}`,
 * with `:type` one of invoke, ok, fail and info. Each process runs one operation at a time: an
 * invocation pairs with the next completion of its process. Ops of the `:nemesis` process are
 * skipped. The ops become observations (`node` the process, `kind` the type, `op` a generated id,
 * then `f`, `value` and `key`), read by the same rules as JSON-lines histories.
 */
import type { Json } from '../models/kernel/json.ts';
import type { Observation } from '../models/kernel/spec.ts';
import { HistoryFileError } from './json-lines.ts';
import type { ParsedObservations } from './linearizability-file.ts';
import { decodeHistory, opForms, type Syntax } from './serializability/jepsen-forms.ts';
import { describe, readOp, Unsupported, type JepsenValue } from './serializability/jepsen-ops.ts';

const TYPES = new Set(['invoke', 'ok', 'fail', 'info']);

/** A field's value as JSON, or an `Unsupported` naming what is in it that cannot be. */
function toJson(v: JepsenValue): Json | Unsupported {
  if (v instanceof Unsupported) return v;
  if (!Array.isArray(v)) return v as Json;
  const items: Json[] = [];
  for (const x of v as readonly JepsenValue[]) {
    const item = toJson(x);
    if (item instanceof Unsupported) return item;
    items.push(item);
  }
  return items;
}

/**
 * The observations of a Jepsen history (`syntax` edn) or a JSON one (an array of op objects, or
 * one per line). Throws a HistoryFileError naming the op's line for an op without a known
 * `type`, a process that is not a non-negative integer, an invocation while its process has one
 * open, a completion of nothing, a value the checker cannot use, and for a history without ops.
 */
export function readJepsenObservations(
  input: string | Uint8Array,
  syntax: Syntax,
): ParsedObservations {
  const name = (field: string) => (syntax === 'edn' ? `:${field}` : field);
  const history: Observation[] = [];
  const lines: number[] = [];
  const open = new Map<number, string>();
  for (const form of opForms(decodeHistory(input), syntax)) {
    const { line, fields } = readOp(form, syntax);
    const fail = (why: string): never => {
      throw new HistoryFileError(line, why);
    };
    const process = fields.get('process');
    if (process === 'nemesis') continue;
    const type = fields.get('type');
    if (typeof type !== 'string' || !TYPES.has(type)) {
      fail(`${name('type')} must be invoke, ok, fail or info, not ${describe(type)}`);
    }
    if (!Number.isSafeInteger(process) || (process as number) < 0) {
      fail(`${name('process')} must be a non-negative integer, not ${describe(process)}`);
    }
    const node = process as number;
    const index = fields.get('index');
    let op: string;
    if (type === 'invoke') {
      if (open.has(node))
        fail(`process ${node} invokes again before its operation ${open.get(node)} completed`);
      op = typeof index === 'number' ? `op${index}` : `line${line}`;
      open.set(node, op);
    } else {
      const pending = open.get(node);
      if (pending === undefined) fail(`process ${node} completes an operation it never invoked`);
      op = pending!;
      open.delete(node);
    }
    const observation: Record<string, unknown> = { node, kind: type, op };
    for (const field of ['f', 'value', 'key']) {
      const raw = fields.get(field);
      if (raw === undefined) continue;
      const json = toJson(raw);
      if (json instanceof Unsupported) {
        fail(`${name(field)}: ${json.what} is not a value the checker can use`);
      }
      observation[field] = json;
    }
    history.push(observation as Observation);
    lines.push(line);
  }
  if (history.length === 0) throw new HistoryFileError(null, 'no operations: the history is empty');
  return { history, lines };
}
