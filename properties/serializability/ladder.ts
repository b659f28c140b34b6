/**
 * Which models of Elle's ladder the anomalies found rule out (Elle's consistency-model.clj, after
 * Adya, Bailis et al., Cerone et al.): a history satisfies a model, as far as the checker can tell,
 * when none of the anomalies found is one the model proscribes. As everywhere in this checker,
 * per-client order is part of every model (Elle's strong-session variants), so a `-process` cycle
 * counts as its base anomaly; `-realtime` cycles rule out strict serializability only.
 *
 * - read-uncommitted (PL-1) proscribes G0, duplicate-elements and garbage-read;
 * - read-committed (PL-2) adds G1a, G1b, G1c, incompatible-order and dirty-update (which imply
 *   G1a), future-read (which implies G1c);
 * - repeatable-read (PL-2.99) adds G2-item and everything implying it (lost-update, G-single,
 *   G-nonadjacent);
 * - snapshot-isolation (PL-SI) adds G-single, G-nonadjacent, lost-update and internal;
 * - serializable (PL-3) adds G2-item and internal;
 * - strict-serializable adds the real-time cycles.
 *
 * Snapshot isolation and repeatable read are incomparable (write skew, G2-item, is allowed by the
 * first; an `internal` read by the second); `strongest` names the first of the ladder's order that
 * holds. The ladder is only as strong as the inference: an anomaly no read reveals rules nothing out.
 */
import type { ConsistencyModel } from './anomaly.ts';

/** Anomalies ruling out read-uncommitted (and so every model). */
const PL1 = new Set(['G0', 'duplicate-elements', 'garbage-read']);
/** Anomalies ruling out read-committed and everything stronger. */
const PL2 = new Set(['G1a', 'G1b', 'G1c', 'incompatible-order', 'dirty-update', 'future-read']);
/** Anomalies ruling out repeatable read and serializable (not snapshot isolation by themselves). */
const ITEM_CYCLES = new Set(['G2-item', 'G2', 'lost-update', 'G-single', 'G-nonadjacent']);
/** Anomalies ruling out snapshot isolation and serializable. */
const NOT_SI = new Set(['G-single', 'G-nonadjacent', 'lost-update', 'internal']);

/** An anomaly name without its `-process` suffix (which the models here include). */
function base(name: string): string {
  return name.endsWith('-process') ? name.slice(0, -'-process'.length) : name;
}

/**
 * The strongest model of the ladder that the anomalies `names` (counted, any order) leave
 * standing; `realtime` says whether real-time order was checked (else strict serializability is
 * never claimed). Unknown names rule out serializability (so a new anomaly never passes silently).
 */
export function strongestModel(names: readonly string[], realtime: boolean): ConsistencyModel {
  let ru = true;
  let rc = true;
  let rr = true;
  let si = true;
  let ser = true;
  let strict = realtime;
  for (const raw of names) {
    if (raw.endsWith('-realtime')) {
      strict = false;
      continue;
    }
    const name = base(raw);
    if (PL1.has(name)) ru = false;
    else if (PL2.has(name)) rc = false;
    else {
      if (ITEM_CYCLES.has(name)) rr = false;
      if (NOT_SI.has(name)) si = false;
      ser = false;
    }
  }
  rc &&= ru;
  rr &&= rc;
  si &&= rc;
  ser &&= rr && si;
  strict &&= ser;
  if (strict) return 'strict-serializable';
  if (ser) return 'serializable';
  if (si) return 'snapshot-isolation';
  if (rr) return 'repeatable-read';
  if (rc) return 'read-committed';
  return ru ? 'read-uncommitted' : 'none';
}
