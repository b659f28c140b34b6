import { truncate } from '../../models/kernel/lists.ts';
import { historyArray, type HistoryList } from '../../models/kernel/observation.ts';
import type {
  History,
  Monitor,
  Observation,
  Property,
  PropertyContext,
  Verdict,
} from '../../models/kernel/spec.ts';

type Answering = Exclude<Property, { kind: 'always' }>;

/**
 * The history properties' answers on a world's history (issue 16, item 1): a property with a
 * monitor is answered from the state its monitor ends in, folded from the nearest cell of the
 * history list whose states are known (normally the parent's, one step back) and cached on the
 * newest cell; a property without one reads the whole history, built once per world asked about.
 */
export class HistoryAnswers {
  /** Each property's position among the monitored ones, or -1. */
  private readonly slot: number[];
  private readonly monitors: Monitor<unknown>[] = [];
  /** The states on the empty history: the token, then each monitor's state (see `fold`). */
  private readonly start: unknown[];
  /**
   * The token on the states kept on cells (`HistoryList.monitors`): the property list, as its
   * monitors' states serve every search of it.
   */
  private readonly token: object;
  private list: HistoryList | null = null;
  private array: History | null = null;
  private states: readonly unknown[] | null = null;
  /** The cells `fold` has still to fold in, newest first (kept: it runs for every new history). */
  private readonly pending: HistoryList[] = [];

  /** Monitors `properties`' answers; with `use` false, reads histories whole. */
  constructor(properties: readonly Property[], use = true) {
    this.slot = properties.map((p) => {
      if (!use || p.kind === 'always' || p.monitor === undefined) return -1;
      this.monitors.push(p.monitor as Monitor<unknown>);
      return this.monitors.length - 1;
    });
    this.token = properties;
    this.start = [this.token, ...this.monitors.map((m) => m.start)];
  }

  /** Sets the history the next answers are about. */
  at(list: HistoryList | null): this {
    if (list !== this.list) {
      this.list = list;
      this.array = null;
      this.states = null;
    }
    return this;
  }

  /** Property `i`'s verdict (`check`), `p` being `properties[i]`, on the history set by `at`. */
  verdict(
    i: number,
    p: Answering & { kind: 'safety' | 'quiescence' },
    context: PropertyContext,
  ): Verdict {
    const s = this.slot[i]!;
    return s < 0 ? p.check(this.history(), context) : this.answer<Verdict>(s, context);
  }

  /** Whether `sometimes` property `i` (`p`) is reached on the history set by `at`. */
  reached(i: number, p: Answering & { kind: 'sometimes' }, context: PropertyContext): boolean {
    const s = this.slot[i]!;
    return s < 0 ? p.reached(this.history(), context) : this.answer<boolean>(s, context);
  }

  /** Monitor `s`'s answer on the history set by `at`. */
  private answer<A>(s: number, context: PropertyContext): A {
    return (this.monitors[s] as Monitor<A>).answer(this.statesNow()[s + 1], context);
  }

  private history(): History {
    return (this.array ??= historyArray(this.list));
  }

  private statesNow(): readonly unknown[] {
    return (this.states ??= this.fold(this.list));
  }

  /**
   * The monitors' states on `list`, after the token that says whose they are: folded from the
   * nearest cell that has them (normally the parent world's newest), kept on the newest.
   */
  private fold(list: HistoryList | null): readonly unknown[] {
    if (list === null) return this.start;
    if (list.monitors?.[0] === this.token) return list.monitors;
    const pending = this.pending;
    truncate(pending);
    let cur: HistoryList | null = list;
    while (cur !== null && cur.monitors?.[0] !== this.token) {
      pending.push(cur);
      cur = cur.rest;
    }
    let states = cur?.monitors ?? this.start;
    for (let k = pending.length - 1; k >= 0; k--) states = this.step(states, pending[k]!.last);
    truncate(pending);
    list.monitors = states;
    return states;
  }

  /** The states after one more observation (the same array when none changed). */
  private step(states: readonly unknown[], o: Observation): readonly unknown[] {
    let out: unknown[] | null = null;
    for (let s = 0; s < this.monitors.length; s++) {
      const next = this.monitors[s]!.step(states[s + 1], o);
      if (next === states[s + 1]) continue;
      out ??= states.slice();
      out[s + 1] = next;
    }
    return out ?? states;
  }
}
