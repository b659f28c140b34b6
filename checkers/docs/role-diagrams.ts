/**
 * Which state diagrams a protocol's page shows: one per role and distinct machine, with the
 * variants that run it. Mutants are `provide` swaps of a correct machine's guards or actions, so
 * they usually draw the same diagram and are not shown again; a role whose machine differs in some
 * variants (another algorithm, a role only some variants have) gets one diagram per machine.
 */
import type { AnyStateMachine } from 'xstate';
import { describePayload } from '../../models/kernel/action.ts';
import type { Protocol, Role } from '../../models/kernel/protocol.ts';
import { stateDiagram } from './state-diagram.ts';

/** One diagram of a role, and the variants whose machine for that role draws it. */
export interface RoleDiagram {
  /** The role's name. */
  readonly role: string;
  /** The machine's id (as its config names it). */
  readonly machineId: string;
  /** The Mermaid source (`stateDiagram-v2 …`, no fence). */
  readonly diagram: string;
  /** The events the world may fire at the role unasked: its timers, then its local choices. */
  readonly spontaneous: readonly string[];
  /** The variants that run this machine for this role, in the protocol's order. */
  readonly variants: readonly string[];
  /** The variant that names this diagram: the first correct one running it, else the first. */
  readonly label: string;
  /** Whether this is the role's only diagram and every variant has the role. */
  readonly everywhere: boolean;
}

/**
 * The diagrams of every role: the roles of the first correct variant first (in its order), then
 * roles only other variants have; for each role, one diagram per distinct drawing (the first
 * correct variant's first).
 */
export function roleDiagrams(protocol: Pick<Protocol, 'variants'>): RoleDiagram[] {
  const first = protocol.variants.find((v) => v.breaks === undefined) ?? protocol.variants[0];
  const ordered =
    first === undefined ? [] : [first, ...protocol.variants.filter((v) => v !== first)];
  const roleNames = [...new Set(ordered.flatMap((v) => Object.keys(v.roles)))];
  const drawn = new Map<AnyStateMachine, string>();
  const draw = (machine: AnyStateMachine): string => {
    const known = drawn.get(machine);
    if (known !== undefined) return known;
    const diagram = stateDiagram(machine);
    drawn.set(machine, diagram);
    return diagram;
  };
  return roleNames.flatMap((role) => {
    const groups = new Map<
      string,
      { machineId: string; diagram: string; spontaneous: string[]; variants: Set<string> }
    >();
    for (const variant of ordered) {
      const r: Role | undefined = variant.roles[role];
      if (r === undefined) continue;
      const diagram = draw(r.machine);
      const spontaneous = [...(r.timeouts ?? []), ...(r.choices ?? [])].map(describePayload);
      const key = JSON.stringify([diagram, spontaneous]);
      const group = groups.get(key) ?? {
        machineId: r.machine.id,
        diagram,
        spontaneous,
        variants: new Set<string>(),
      };
      group.variants.add(variant.name);
      groups.set(key, group);
    }
    const everyVariant = protocol.variants.every((v) => v.roles[role] !== undefined);
    return [...groups.values()].map((g) => {
      const users = protocol.variants.filter((v) => g.variants.has(v.name));
      return {
        role,
        machineId: g.machineId,
        diagram: g.diagram,
        spontaneous: g.spontaneous,
        variants: users.map((v) => v.name),
        label: (users.find((v) => v.breaks === undefined) ?? users[0]!).name,
        everywhere: everyVariant && groups.size === 1,
      };
    });
  });
}
