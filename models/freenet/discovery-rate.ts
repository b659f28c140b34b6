/**
 * Where key discovery is only likely, measure it: the success rate of requests in the model's own
 * random scenarios (fast-check, the random engine's scenario runner and fair drain), by how short
 * the HTL is and by what struck the run. The guarantee (`key-discovery`) covers the first series at
 * HTL ≥ nodes; everything else is a rate.
 */
import * as fc from 'fast-check';
import { LocalTable } from '../kernel/local-table.ts';
import { historyArray } from '../kernel/observation.ts';
import type { History } from '../kernel/spec.ts';
import type { Protocol } from '../kernel/protocol.ts';
import { System } from '../kernel/system.ts';
import { MoveKind, type Move } from '../kernel/world.ts';
import { FAILURES } from '../../properties/key-discovery.ts';
import { freenetProtocol, type FreenetParams } from './model.ts';
import type { Experiment, Row } from './simulator/experiments.ts';
import { Rng } from './simulator/rng.ts';

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

/**
 * One run: the inserts go in first and run to the end (any interleaving, faults as budgeted, taken
 * one step in ten), then the requests, concurrently; returns the final history. Seeded by `rng`.
 */
function runInPhases(sys: System, inserts: number, rng: Rng): History {
  let w = sys.initial();
  const benign: Move[] = [];
  const faults: Move[] = [];
  let phase = 1;
  for (let step = 0; step < 5000 && !sys.quiescent(w); step++) {
    sys.enabled(w, benign, faults);
    const open = benign.filter((m) => phase === 2 || m.kind !== MoveKind.Input || m.c < inserts);
    if (open.length === 0 && phase === 1 && faults.length === 0) {
      phase = 2;
      continue;
    }
    const pool = faults.length > 0 && (open.length === 0 || rng.next() < 0.1) ? faults : open;
    if (pool.length === 0) {
      phase = 2;
      continue;
    }
    w = sys.apply(w, pool[rng.int(pool.length)]!);
  }
  return historyArray(w.history);
}

/**
 * For each condition and HTL shortfall, runs `perPoint` random workloads of the correct Freenet
 * variant at `nodes` nodes (parameters from the protocol's own generator, seeded; no joins; every
 * request's HTL set to nodes + shortfall) and returns the success rate (%) of requests for keys
 * inserted before them, one series per condition.
 */
export function discoveryRate(seed: number, nodes: number, perPoint: number): Experiment {
  const protocol = freenetProtocol as unknown as Protocol;
  const variant = protocol.variants[0]!;
  const table = new LocalTable();
  const generated = protocol.scenarios({ minNodes: nodes, maxNodes: nodes });
  const series = CONDITIONS.map((condition, c) => {
    const rows: Row[] = [];
    for (const shortfall of SHORTFALLS) {
      const point = seed + 1000 * c + shortfall;
      const rng = new Rng(point);
      let asked = 0;
      let found = 0;
      for (const params of fc.sample(generated, { seed: point, numRuns: perPoint })) {
        const p = STRIKE[condition](params as unknown as FreenetParams);
        const { joins: _, ...rest } = p;
        const htl = Math.max(0, p.nodes + shortfall);
        const fixed = { ...rest, requests: p.requests.map((r) => ({ ...r, htl })) };
        const sys = new System(protocol, variant, fixed, table);
        for (const s of samples(runInPhases(sys, p.inserts.length, rng), sys.n)) {
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
