import { freenetProtocol } from './freenet/model.ts';
import { anyProtocol, type Protocol } from './kernel/protocol.ts';
import { primaryBackupProtocol } from './primary-backup/model.ts';
import { totalOrderProtocol } from './total-order/model.ts';
import { twoPhaseLockingProtocol } from './two-phase-locking/model.ts';
import { virtualSynchronyProtocol } from './virtual-synchrony/model.ts';

/** Every protocol groupcheck ships, in the order `list` and `check --all` show them. */
export const protocols: readonly Protocol[] = [
  anyProtocol(totalOrderProtocol),
  anyProtocol(primaryBackupProtocol),
  anyProtocol(twoPhaseLockingProtocol),
  anyProtocol(virtualSynchronyProtocol),
  anyProtocol(freenetProtocol),
];

/** The protocol named `name`, or undefined. */
export function findProtocol(name: string): Protocol | undefined {
  return protocols.find((p) => p.name === name);
}
