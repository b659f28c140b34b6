/**
 * The Informal Trace Format (ITF, Apalache's ADR-015, also written and read by Quint): a trace as a
 * list of states, each an object of the variables. groupcheck's worlds become states: every node's
 * xstate state value and context and its status, the messages in flight per channel, the
 * partition, the faults used, the client inputs handed over (in the configuration's order) and the observations so far; the
 * action that led to each state is in its `#meta` and in the variable `action`.
 */
import { describeAction, type Action } from '../../models/kernel/action.ts';
import type { Json, JsonObject } from '../../models/kernel/json.ts';
import type { ClientInput } from '../../models/kernel/protocol.ts';
import type { Replay } from '../replay.ts';
import { nodeNamer } from '../report/chart-labels.ts';
import type { Trace } from '../trace.ts';
import { worldState, type WorldState } from './world-state.ts';

/** An ITF expression. */
export type ItfValue =
  string | boolean | number | readonly ItfValue[] | { readonly [key: string]: ItfValue };

/** An ITF state: `#meta` (a JSON object) and one value per variable. */
export type ItfState = { readonly [name: string]: ItfValue | JsonObject };

/** An ITF trace. */
export interface ItfTrace {
  /** What produced the trace and what it shows. */
  readonly '#meta': Json;
  /** The variables every state sets. */
  readonly vars: readonly string[];
  /** The states: the initial world, then the world after each step. */
  readonly states: readonly ItfState[];
  /** For a livelock whose world comes back: the index of the state the last one returns to. */
  readonly loop?: number;
}

/** The variables of every state, in order. */
export const ITF_VARS = [
  'action',
  'nodes',
  'inFlight',
  'partition',
  'faultsUsed',
  'inputsDone',
  'observations',
] as const;

const ADR = 'https://apalache-mc.org/docs/adr/015adr-trace.html';

/**
 * A JSON value as an ITF expression: integers as `{"#bigint": "…"}` (as Quint writes them), other
 * numbers and `null` as `{"#unserializable": "…"}`, arrays as lists, objects as records, except
 * objects with a key ITF reserves (one starting with `#`, or `tag`, which Quint reads as a
 * variant), which become `{"#map": [[key, value], …]}`.
 */
export function itfValue(value: Json): ItfValue {
  if (value === null) return { '#unserializable': 'null' };
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? { '#bigint': BigInt(value).toString() }
      : { '#unserializable': String(value) };
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(itfValue);
  const entries = Object.entries(value as { readonly [key: string]: Json });
  if (entries.some(([key]) => key.startsWith('#') || key === 'tag')) {
    return { '#map': entries.map(([key, v]) => [key, itfValue(v)]) };
  }
  return Object.fromEntries(entries.map(([key, v]) => [key, itfValue(v)]));
}

const bigint = (n: number): ItfValue => ({ '#bigint': String(n) });

/** The ITF variables of one world. */
function stateVars(
  world: WorldState,
  action: Action | null,
  inputs: readonly ClientInput[],
): Record<string, ItfValue> {
  const name = (i: number) => world.nodes[i]?.name ?? `#${i}`;
  const channels = new Map<string, { from: number; to: number; msgs: Json[] }>();
  for (const m of world.inFlight) {
    const key = `${m.from} ${m.to}`;
    const channel = channels.get(key) ?? { from: m.from, to: m.to, msgs: [] };
    channel.msgs.push(m.msg);
    channels.set(key, channel);
  }
  return {
    action: action === null ? { type: 'init' } : itfValue(namedAction(action, name)),
    nodes: {
      '#map': world.nodes.map((node) => [
        node.name,
        {
          role: node.role,
          status: node.status,
          value: itfValue(node.value),
          context: itfValue(node.context),
        },
      ]),
    },
    inFlight: {
      '#map': [...channels.values()].map((c) => [
        { '#tup': [name(c.from), name(c.to)] },
        c.msgs.map(itfValue),
      ]),
    },
    partition: { '#set': world.partition.map(name) },
    faultsUsed: { '#map': Object.entries(world.faultsUsed).map(([k, v]) => [k, bigint(v)]) },
    inputsDone: world.inputs.map((i) => ({
      node: name(inputs[i]!.node),
      event: itfValue(inputs[i]!.event),
    })),
    observations: world.observations.map((obs) =>
      itfValue({ ...obs, node: name(obs.node) } as Json),
    ),
  };
}

/** An action with node names instead of indices (what a reader of the ITF file sees). */
function namedAction(action: Action, name: (node: number) => string): Json {
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(action)) {
    if (key === 'from' || key === 'to' || key === 'node') out[key] = name(value as number);
    else if (key === 'side') out[key] = (value as number[]).map(name);
    else out[key] = value as Json;
  }
  return out;
}

/**
 * The ITF trace of a replayed trace: state 0 is the initial world, state i the world after step i
 * (its `#meta` names the step and its action). The trace's `#meta` carries the protocol, variant,
 * engine, seed, configuration and violation; a livelock whose world comes back sets `loop`.
 */
export function toItf(trace: Trace, run: Replay, source?: string): ItfTrace {
  const name = nodeNamer(trace.nodes);
  const violation = trace.violation;
  const states = run.worlds.map((world, i): ItfState => {
    const action = i === 0 ? null : trace.actions[i - 1]!;
    const meta: Record<string, Json> = {
      index: i,
      action: action === null ? 'init' : describeAction(action, name),
    };
    if (violation !== null && violation.step === i) meta['violation'] = violation.property;
    if (violation?.loop !== undefined && i > violation.loop.from && i <= violation.step)
      meta['loop'] = true;
    return {
      '#meta': meta,
      ...stateVars(worldState(run.system, world, name), action, run.system.config.inputs),
    };
  });
  const loop = violation?.loop;
  return {
    '#meta': {
      format: 'ITF',
      'format-description': ADR,
      ...(source === undefined ? {} : { source }),
      description: `groupcheck trace of ${trace.protocol} / ${trace.variant} (${trace.engine}${trace.seed === null ? '' : ` seed ${trace.seed}`})`,
      protocol: trace.protocol,
      variant: trace.variant,
      engine: trace.engine,
      seed: trace.seed,
      config: trace.config,
      status: violation === null ? 'ok' : 'violation',
      violation: violation as unknown as Json,
    },
    vars: ITF_VARS,
    states,
    ...(loop?.kind === 'state' ? { loop: loop.from } : {}),
  };
}

/** ITF as text: JSON, one state per line. */
export function itfText(itf: ItfTrace): string {
  const { states, ...head } = itf;
  const top = JSON.stringify(head, null, 2).slice(0, -2);
  return `${top},\n  "states": [\n${states.map((s) => `    ${JSON.stringify(s)}`).join(',\n')}\n  ]\n}\n`;
}
