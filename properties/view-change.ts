import type { History, SometimesProperty } from '../models/kernel/spec.ts';
import { installation, startsIncarnation } from './views.ts';

/** Whether some node delivered a message in a view and then installed a later view. */
export function deliveredThenMovedOn(history: History): boolean {
  // Per node, the earliest view it delivered in: any later view then witnesses a view change.
  const deliveredIn = new Map<number, number>();
  for (const o of history) {
    if (startsIncarnation(o)) deliveredIn.delete(o.node);
    if (o.kind === 'deliver' && typeof o['view'] === 'number') {
      deliveredIn.set(o.node, Math.min(deliveredIn.get(o.node) ?? Infinity, o['view']));
      continue;
    }
    const inst = installation(o);
    const last = deliveredIn.get(o.node);
    if (inst !== null && last !== undefined && inst.view > last) return true;
  }
  return false;
}

/** Reachability: some view change completes after messages were delivered in the old view. */
export const viewChange: SometimesProperty = {
  name: 'view-change',
  statement: 'Some member delivers a message in a view and then installs the next view.',
  kind: 'sometimes',
  reached: deliveredThenMovedOn,
};
