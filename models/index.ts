import { diffusionProtocol } from './diffusion/model.ts';
import { freenetProtocol } from './freenet/model.ts';
import { gnutellaProtocol } from './gnutella/model.ts';
import { ipMulticastProtocol } from './ip-multicast/model.ts';
import { napsterProtocol } from './napster/model.ts';
import { overlayMulticastProtocol } from './overlay-multicast/model.ts';
import type { Protocol } from './kernel/protocol.ts';
import { primaryBackupProtocol } from './primary-backup/model.ts';
import { publishSubscribeProtocol } from './publish-subscribe/model.ts';
import { registeredProtocols } from './registry.ts';
import { totalOrderProtocol } from './total-order/model.ts';
import { twoPhaseLockingProtocol } from './two-phase-locking/model.ts';
import { virtualSynchronyProtocol } from './virtual-synchrony/model.ts';
import { votingProtocol } from './voting/model.ts';

/** Every protocol groupcheck ships, in the order `list` and `check --all` show them. */
export const protocols: readonly Protocol[] = [
  totalOrderProtocol,
  primaryBackupProtocol,
  twoPhaseLockingProtocol,
  virtualSynchronyProtocol,
  freenetProtocol,
  diffusionProtocol,
  votingProtocol,
  publishSubscribeProtocol,
  ipMulticastProtocol,
  napsterProtocol,
  overlayMulticastProtocol,
  gnutellaProtocol,
];

/** The built-in protocols, then those loaded from users' modules (see registry.ts). */
export function knownProtocols(): readonly Protocol[] {
  return [...protocols, ...registeredProtocols()];
}

/** The protocol named `name` (built in or loaded), or undefined. */
export function findProtocol(name: string): Protocol | undefined {
  return knownProtocols().find((p) => p.name === name);
}
