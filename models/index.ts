import { freenetProtocol } from './freenet/model.ts';
import type { Protocol } from './kernel/protocol.ts';
import { primaryBackupProtocol } from './primary-backup/model.ts';
import { totalOrderProtocol } from './total-order/model.ts';
import { twoPhaseLockingProtocol } from './two-phase-locking/model.ts';
import { virtualSynchronyProtocol } from './virtual-synchrony/model.ts';

/** Every protocol groupcheck ships, in the order `list` and `check --all` show them. */
export const protocols: readonly Protocol[] = [
  totalOrderProtocol,
  primaryBackupProtocol,
  twoPhaseLockingProtocol,
  virtualSynchronyProtocol,
  freenetProtocol,
];

/** The protocol named `name`, or undefined. */
export function findProtocol(name: string): Protocol | undefined {
  return protocols.find((p) => p.name === name);
}
