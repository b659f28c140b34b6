import { verifies } from '../models/freenet/keys.ts';
import type { History } from '../models/kernel/spec.ts';
import type { CheckedProperty, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks data integrity (Clarke et al. 2001, section 2.1): whatever a requester accepts (`found
 * {key, data, proof}`) or a node stores (`store {key, data, proof}`) is what the key names: a
 * content-hash key's data hashes to it; a keyword-signed or signed-subspace key's data carries a
 * signature by the key's own public key (keys.ts: the key scheme, not the node logic).
 */
export function checkContentIntegrity(history: History): Verdict {
  for (const o of history) {
    const { key, data, proof } = o;
    if (o.kind !== 'found' && o.kind !== 'store') continue;
    if (typeof key !== 'string' || typeof data !== 'string') continue;
    if (verifies(key, data, typeof proof === 'string' ? proof : '')) continue;
    const kind = key.startsWith('c') ? 'content-hash' : 'signed';
    return {
      property: 'content-integrity',
      message: `node ${o.node} accepted ${data} under ${kind} key ${key}, which it does not verify against`,
      nodes: [o.node],
      messages: [key, data],
    };
  }
  return null;
}

/** Integrity: forged data is never accepted or stored, whatever the kind of key. */
export const contentIntegrity: CheckedProperty = {
  name: 'content-integrity',
  statement:
    'Data accepted or stored under a key verifies against it: its hash for a content-hash key, ' +
    'its signature for a signed key.',
  kind: 'safety',
  check: checkContentIntegrity,
};
