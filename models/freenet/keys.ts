/**
 * Freenet keys: location-independent names made by hashing (Clarke, Sandberg, Wiley, Hong 2001,
 * section 2.1). A keyword-signed key (KSK) hashes a description (`ksk:alpha`); a content-hash key
 * (CHK) hashes the data itself (`chk:<data>`), so a reply can be checked against it. Signed-subspace
 * keys are not modelled. A key is its kind's letter (`k`, `c`) and 24 bits of hash, so that
 * closeness is a numeric distance.
 */
import { createHash } from 'node:crypto';

const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 6);

/** The key a key spec names: `chk:<data>` hashes the data, anything else hashes the spec. */
export function keyOf(spec: string): string {
  return spec.startsWith('chk:') ? `c${hash(spec.slice(4))}` : `k${hash(spec)}`;
}

/** Whether `data` can be what `key` names: always for a KSK, the data's hash for a CHK. */
export function verifies(key: string, data: string): boolean {
  return !key.startsWith('c') || keyOf(`chk:${data}`) === key;
}

/** A node's location key (what its neighbours route towards before they learn anything). */
export function locationOf(node: number): string {
  return hash(`node:${node}`);
}

/** Closeness of two keys: the numeric distance of their hashes. */
export function distance(a: string, b: string): number {
  return Math.abs(parseInt(a.slice(-6), 16) - parseInt(b.slice(-6), 16));
}
