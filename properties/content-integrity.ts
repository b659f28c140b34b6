import type { CheckedProperty, History, Monitor, Verdict } from '../models/kernel/spec.ts';
import { answerOn, untilViolation, violated } from './monitor.ts';

/**
 * A key scheme's check: whether `data` with `proof` is what `key` names. The model passes its own
 * (Freenet's `verifies` in models/freenet/keys.ts: a content-hash key's data hashes to it, a signed
 * key's data carries a signature by the key's own public key), so the property depends on no model.
 */
export type KeyCheck = (key: string, data: string, proof: string) => boolean;

/**
 * Checks data integrity (Clarke et al. 2001, section 2.1): whatever a requester accepts (`found
 * {key, data, proof}`) or a node stores (`store {key, data, proof}`: an insert's data on its path,
 * a reply cached on the reverse path, a collision's data) is what the key names, by `verify`. A
 * node only passes on what it stored or what its requester accepted, so a node that returns data
 * that does not verify is caught where it took it in. A corrupting node (`corrupt`) keeps the
 * genuine data and alters what it passes on; the node after it must check it.
 */
export function checkContentIntegrity(history: History, verify: KeyCheck): Verdict {
  return answerOn(integrityMonitor(verify), history);
}

/** Content integrity as a monitor: a stateless scan that keeps the first violation. */
function integrityMonitor(verify: KeyCheck): Monitor<Verdict> {
  return untilViolation(true, (ok, o) => {
    const { key, data, proof } = o;
    if (o.kind !== 'found' && o.kind !== 'store') return ok;
    if (typeof key !== 'string' || typeof data !== 'string') return ok;
    if (verify(key, data, typeof proof === 'string' ? proof : '')) return ok;
    return violated({
      property: 'content-integrity',
      message: `node ${o.node} accepted ${data} under key ${key}, which it does not verify against`,
      nodes: [o.node],
      messages: [key, data],
    });
  });
}

/** Integrity: forged data is never accepted or stored, whatever the key (`verify` decides). */
export function contentIntegrity(verify: KeyCheck): CheckedProperty {
  const monitor = integrityMonitor(verify);
  return {
    name: 'content-integrity',
    statement:
      "Data accepted or stored under a key (an insert's data, a cached reply) verifies against " +
      'it: its hash for a content-hash key, its signature for a signed key.',
    kind: 'safety',
    check: (history) => answerOn(monitor, history),
    monitor,
  };
}
