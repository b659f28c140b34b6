/**
 * Runs a role's xstate machine by hand in machine tests: `initialTransition` from an input, then
 * `transition` per event, as the kernel's pure driver does, keeping the actions each step asked for.
 */
import {
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
} from 'xstate';

/** An action a transition asked for (`send`, `observe`, timers…), with its parameters. */
export type MachineAction = { type: string; params?: unknown };

/** What `runMachine` gives: the last snapshot, the last step's actions, and every step's. */
export interface MachineRun {
  readonly snapshot: AnyMachineSnapshot;
  readonly actions: MachineAction[];
  readonly all: MachineAction[];
}

/** Runs `events` through `machine` from `input`. */
export function runMachine(
  machine: AnyStateMachine,
  input: unknown,
  events: readonly object[],
): MachineRun {
  let [snapshot, actions] = initialTransition(machine, input as never) as [
    AnyMachineSnapshot,
    MachineAction[],
  ];
  const all = [...actions];
  for (const event of events) {
    [snapshot, actions] = transition(machine, snapshot as never, event as never) as [
      AnyMachineSnapshot,
      MachineAction[],
    ];
    all.push(...actions);
  }
  return { snapshot, actions, all };
}

/** The messages `actions` send (their parameters). */
export const sends = (actions: readonly MachineAction[]): unknown[] =>
  actions.filter((a) => a.type === 'send').map((a) => a.params);

/** The observations `actions` make (their parameters). */
export const observed = (actions: readonly MachineAction[]): unknown[] =>
  actions.filter((a) => a.type === 'observe').map((a) => a.params);
