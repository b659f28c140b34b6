import { createHash } from 'node:crypto';
import type { History } from '../models/kernel/observation.ts';
import type { CheckedProperty, Verdict } from './violation.ts';

/** Whether `data` hashes to a content-hash key (`c` and the first 24 bits of its SHA-256). */
function hashesTo(key: string, data: string): boolean {
  return key === `c${createHash('sha256').update(data).digest('hex').slice(0, 6)}`;
}

/**
 * Checks content-hash integrity (Clarke et al. 2001, section 2.1): whatever a requester accepts
 * (`found {key, data}`) or a node caches (`store {key, data}`) under a content-hash key (one that
 * starts with `c`) hashes to that key. Other keys are not checked.
 */
export function checkContentIntegrity(history: History): Verdict {
  for (const o of history) {
    const { key, data } = o;
    if (o.kind !== 'found' && o.kind !== 'store') continue;
    if (typeof key !== 'string' || typeof data !== 'string' || !key.startsWith('c')) continue;
    if (hashesTo(key, data)) continue;
    return {
      property: 'content-integrity',
      message: `node ${o.node} accepted ${data} under content-hash key ${key}, which it does not hash to`,
      nodes: [o.node],
      messages: [key, data],
    };
  }
  return null;
}

/** Content-hash integrity: forged data is never accepted under a content-hash key. */
export const contentIntegrity: CheckedProperty = {
  name: 'content-integrity',
  statement: 'Data accepted or cached under a content-hash key hashes to that key.',
  kind: 'safety',
  check: checkContentIntegrity,
};
