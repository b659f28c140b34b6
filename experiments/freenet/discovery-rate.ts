/**
 * Where key discovery is only likely, measure it: the success rate of requests in the model's own
 * random scenarios (its generator, the engines' scenario runner with its fair drain), by how short
 * the HTL is and by what struck the run. The guarantee (`key-discovery`) covers the first series at
 * HTL ≥ nodes; everything else is a rate.
 */
import * as fc from 'fast-check';
import {
  runScenario,
  scheduleStep,
  type ScenarioOptions,
  type ScheduleStep,
} from '../../checkers/scenario.ts';
import { freenetProtocol, type FreenetParams } from '../../models/freenet/model.ts';
import { LocalTable } from '../../models/kernel/local-table.ts';
import { historyArray } from '../../models/kernel/observation.ts';
import type { Protocol, Variant } from '../../models/kernel/protocol.ts';
import type { History } from '../../models/kernel/spec.ts';
import { System } from '../../models/kernel/system.ts';
import { FAILURES } from '../../properties/key-discovery.ts';
import type { Experiment, Row } from '../experiment.ts';
import { Rng } from '../rng.ts';

/** What struck a run, for one request: the series it counts in. */
export type Condition = 'nothing' | 'eviction' | 'failures' | 'forgery';

const CONDITIONS: readonly Condition[] = ['nothing', 'eviction', 'failures', 'forgery'];
const LABEL: Record<Condition, string> = {
  nothing: 'no failure, eviction or forgery',
  eviction: 'eviction',
  failures: 'crash, leave or early timer',
  forgery: 'a node forged the key',
};

/** One request for a key inserted before it: its HTL shortfall, condition and outcome. */
export interface Sample {
  /** HTL minus the number of nodes (the guarantee needs ≥ 0), clamped to [-4, 1]. */
  readonly shortfall: number;
  readonly condition: Condition;
  readonly found: boolean;
}

/** The requests of one run's history that asked for a key inserted before them. */
export function samples(history: History, nodes: number): Sample[] {
  const kinds = new Set(history.map((o) => o.kind));
  const failed = FAILURES.some((k) => kinds.has(k));
  const forged = new Set(history.filter((o) => o.kind === 'corrupt').map((o) => o['key']));
  const found = new Set(
    history.filter((o) => o.kind === 'found').map((o) => `${o.node}/${String(o['id'])}`),
  );
  const inserted = new Set<unknown>();
  const out: Sample[] = [];
  for (const o of history) {
    if (o.kind === 'inserted') inserted.add(o['key']);
    if (o.kind !== 'request' || !inserted.has(o['key']) || typeof o['htl'] !== 'number') continue;
    const condition: Condition = failed
      ? 'failures'
      : forged.has(o['key'])
        ? 'forgery'
        : kinds.has('evict')
          ? 'eviction'
          : 'nothing';
    const shortfall = Math.max(-4, Math.min(1, o['htl'] - nodes));
    out.push({ shortfall, condition, found: found.has(`${o.node}/${String(o['id'])}`) });
  }
  return out;
}

/** What each condition does to a generated scenario's parameters. */
const STRIKE: Record<Condition, (p: FreenetParams) => FreenetParams> = {
  nothing: (p) => ({ ...p, capacity: 8, corrupt: [] }),
  eviction: (p) => ({ ...p, capacity: 1, corrupt: [] }),
  failures: (p) => ({ ...p, capacity: 8, corrupt: [], faults: { crash: 1, leave: 1, timeout: 1 } }),
  forgery: (p) => ({ ...p, capacity: 8, corrupt: [p.nodes - 1] }),
};

/** Shortfalls measured: HTL from nodes - 3 to nodes. */
const SHORTFALLS = [-3, -2, -1, 0] as const;

/** Steps of each phase's schedule (one in ten a fault while the budgets last); the drain follows. */
const STEPS = 40;
const PHASE: ScenarioOptions = { faultPercent: 10, drainSteps: 5000 };

/** A random schedule drawn from `rng`. */
function schedule(rng: Rng): ScheduleStep[] {
  return Array.from({ length: STEPS }, () => scheduleStep(rng.int(100), rng.int(0x10000)));
}

/**
 * One run of `p`, in two phases of the engines' scenario runner: the inserts go in and run to
 * quiescence (a system with no requests), then, from where they ended, the requests (the whole
 * system: `configure` lists the inserts first, so the first phase's inputs are a prefix of its
 * own). Returns the final history. Seeded by `rng`.
 */
function runInPhases(
  protocol: Protocol,
  variant: Variant,
  p: FreenetParams,
  table: LocalTable,
  rng: Rng,
): History {
  const inserts = new System(protocol, variant, { ...p, requests: [] }, table, false);
  const first = runScenario(inserts, schedule(rng), PHASE);
  const all = new System(protocol, variant, p, table, false);
  const second = runScenario(all, schedule(rng), { ...PHASE, start: first.worlds.at(-1)! });
  return historyArray(second.worlds.at(-1)!.history);
}

/**
 * For each condition and HTL shortfall, runs `perPoint` random workloads of the correct Freenet
 * variant at `nodes` nodes (parameters from the protocol's own generator, seeded; no joins; every
 * request's HTL set to nodes + shortfall) and returns the success rate (%) of requests for keys
 * inserted before them, one series per condition.
 */
export function discoveryRate(seed: number, nodes: number, perPoint: number): Experiment {
  const protocol = freenetProtocol;
  const variant = protocol.variants[0]!;
  const table = new LocalTable();
  const generated = freenetProtocol.definition.scenarios({ minNodes: nodes, maxNodes: nodes });
  const series = CONDITIONS.map((condition, c) => {
    const rows: Row[] = [];
    for (const shortfall of SHORTFALLS) {
      const point = seed + 1000 * c + shortfall;
      const rng = new Rng(point);
      let asked = 0;
      let found = 0;
      for (const params of fc.sample(generated, { seed: point, numRuns: perPoint })) {
        const { joins: _, ...p } = STRIKE[condition](params);
        const htl = Math.max(0, p.nodes + shortfall);
        const fixed = { ...p, requests: p.requests.map((r) => ({ ...r, htl })) };
        for (const s of samples(runInPhases(protocol, variant, fixed, table, rng), p.nodes)) {
          if (s.condition !== condition) continue;
          asked++;
          if (s.found) found++;
        }
      }
      if (asked > 0) rows.push({ x: shortfall, y: Math.round((1000 * found) / asked) / 10 });
    }
    return { name: LABEL[condition], rows };
  });
  return {
    name: 'discovery',
    title: `Requests that found an inserted key (model, ${nodes} nodes)`,
    xLabel: 'HTL minus nodes (the guarantee needs ≥ 0)',
    yLabel: 'requests that found the key (%)',
    series,
  };
}
