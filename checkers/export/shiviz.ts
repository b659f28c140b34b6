/**
 * ShiViz logs: every event a node takes part in, as two lines, the event and then the host and its
 * vector clock (`p1 {"p0":2,"p1":3}`), which ShiViz's default regular expression parses. The
 * clocks come from the replayed worlds: a node's event ticks its own entry, and the event that
 * receives a message merges the clock of the event that sent it.
 */
import { describeAction } from '../../models/kernel/action.ts';
import { actingNode, MoveKind, type Move, type World } from '../../models/kernel/world.ts';
import { historyArray } from '../../models/kernel/observation.ts';
import type { Replay } from '../replay.ts';
import { nodeNamer, observationSummary, oneLine } from '../report/chart-labels.ts';
import type { Trace } from '../trace.ts';

/** ShiViz's default parsing expression, written as the log file's first line. */
export const SHIVIZ_REGEX = '(?<event>.*)\\n(?<host>\\S*) (?<clock>{.*})';

/** A vector clock: host → events of that host known to have happened before (zeros left out). */
export type VectorClock = Readonly<Record<string, number>>;

/** One event of the log. */
export interface ShivizEvent {
  /** The 1-based step of the trace the event belongs to. */
  readonly step: number;
  /** The node's index. */
  readonly node: number;
  /** The host name ShiViz shows (the node's name, without whitespace). */
  readonly host: string;
  /** One line: the step and what the node did. */
  readonly text: string;
  /** The node's vector clock after the event. */
  readonly clock: VectorClock;
  /** For a receive: the index (in the event list) of the event that sent the message. */
  readonly cause: number | null;
}

/** A message copy in flight: its interned id and the event that sent it. */
interface Copy {
  readonly id: number;
  readonly event: number;
}

/** Host names: the nodes' names with whitespace replaced, made unique. */
export function shivizHosts(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw, i) => {
    let host = raw.replace(/\s+/g, '_');
    if (host === '') host = `n${i}`;
    if (seen.has(host)) host = `${host}#${i}`;
    seen.add(host);
    return host;
  });
}

/** The events of a replayed trace, in order, with their vector clocks. */
export function shivizEvents(trace: Trace, run: Replay): ShivizEvent[] {
  const { system } = run;
  const n = system.n;
  const name = nodeNamer(trace.nodes);
  const hosts = shivizHosts(Array.from({ length: n }, (_, i) => name(i)));
  const clocks: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const copies: Copy[][] = Array.from({ length: n * n }, () => []);
  const events: ShivizEvent[] = [];
  const duplicating = system.config.network === 'duplicating';
  const violation = trace.violation;

  for (let step = 1; step < run.worlds.length; step++) {
    const before = run.worlds[step - 1]!;
    const after = run.worlds[step]!;
    const action = trace.actions[step - 1]!;
    const move = system.resolve(before, action);
    if (typeof move === 'string') throw new Error(`step ${step} does not replay: ${move}`);
    const cause = networkPart(move, n, copies, duplicating);
    const sent = newCopies(copies, after, n);
    const actors = actingNodes(move, before, after, n, sent);
    const obs = historyArray(after.history).slice(before.history?.length ?? 0);
    const eventOf = new Map<number, number>();
    for (const node of actors) {
      const clock = clocks[node]!;
      clock[node]! += 1;
      const receive = move.kind === MoveKind.Deliver && node === move.b ? cause : null;
      if (receive !== null) {
        const sender = events[receive]!.clock;
        hosts.forEach((h, k) => (clock[k] = Math.max(clock[k]!, sender[h] ?? 0)));
      }
      const mine = obs.filter((o) => o.node === node).map(observationSummary);
      let text = `step ${step}: ${describeAction(action, name)}`;
      if (mine.length > 0) text += ` — ${mine.join('; ')}`;
      if (violation?.loop !== undefined && step > violation.loop.from && step <= violation.step)
        text = `↻ ${text}`;
      if (violation?.step === step) text += ` ✗ ${violation.property}: ${violation.message}`;
      eventOf.set(node, events.length);
      events.push({
        step,
        node,
        host: hosts[node]!,
        text: oneLine(text).replace(/[\u2028\u2029]/g, ' '),
        clock: Object.fromEntries(clock.flatMap((c, k) => (c > 0 ? [[hosts[k]!, c]] : []))),
        cause: receive,
      });
    }
    for (const [ch, ids] of sent) {
      const event = eventOf.get(Math.floor(ch / n));
      if (event === undefined) throw new Error(`step ${step}: a message sent by no event`);
      for (const id of ids) copies[ch]!.push({ id, event });
    }
  }
  return events;
}

/**
 * Applies what the network does to the copies in flight (deliver, drop, duplicate) and returns
 * the event that sent the delivered copy, for a delivery.
 */
function networkPart(move: Move, n: number, copies: Copy[][], duplicating: boolean): number | null {
  if (move.kind !== MoveKind.Deliver && move.kind !== MoveKind.Drop) {
    if (move.kind === MoveKind.Duplicate) {
      const channel = copies[move.a * n + move.b]!;
      const original = channel.find((c) => c.id === move.c);
      if (original !== undefined) channel.unshift(original);
    }
    return null;
  }
  const channel = copies[move.a * n + move.b]!;
  const at = channel.findIndex((c) => c.id === move.c);
  if (at < 0) return null;
  const copy = channel[at]!;
  if (move.kind === MoveKind.Drop || !duplicating) channel.splice(at, 1);
  return move.kind === MoveKind.Deliver ? copy.event : null;
}

/**
 * Reconciles the copies with the channels of `after`: copies the world no longer holds (lost with
 * a crashed or departed node) are forgotten; the ids it holds beyond the known copies were sent
 * in this step, returned by channel.
 */
function newCopies(copies: Copy[][], after: World, n: number): Map<number, number[]> {
  const sent = new Map<number, number[]>();
  for (let ch = 0; ch < n * n; ch++) {
    const have = new Map<number, number>();
    for (const id of after.channels[ch]!) have.set(id, (have.get(id) ?? 0) + 1);
    const known = copies[ch]!;
    const kept: Copy[] = [];
    for (const copy of known) {
      const left = have.get(copy.id) ?? 0;
      if (left === 0) continue;
      have.set(copy.id, left - 1);
      kept.push(copy);
    }
    copies[ch] = kept;
    const extra: number[] = [];
    for (const id of after.channels[ch]!) {
      const left = have.get(id) ?? 0;
      if (left > 0) {
        extra.push(id);
        have.set(id, left - 1);
      }
    }
    if (extra.length > 0) sent.set(ch, extra);
  }
  return sent;
}

/**
 * The nodes that take part in a step, in index order: the node the action names (the receiver of
 * a delivery), and every node whose state changed, that sent or that observed something.
 */
function actingNodes(
  move: Move,
  before: World,
  after: World,
  n: number,
  sent: ReadonlyMap<number, readonly number[]>,
): number[] {
  const acting = new Set<number>();
  const named = actingNode(move);
  if (named >= 0) acting.add(named);
  for (let node = 0; node < n; node++) {
    if (before.locals[node] !== after.locals[node] || before.digests[node] !== after.digests[node])
      acting.add(node);
  }
  for (const ch of sent.keys()) acting.add(Math.floor(ch / n));
  return [...acting].sort((a, b) => a - b);
}

/** The log file: ShiViz's parsing expression, an empty delimiter line, then the events. */
export function shivizLog(events: readonly ShivizEvent[]): string {
  const lines = [SHIVIZ_REGEX, ''];
  for (const e of events) lines.push(e.text, `${e.host} ${JSON.stringify(e.clock)}`);
  return `${lines.join('\n')}\n`;
}
