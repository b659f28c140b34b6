/**
 * The Narada paper's metrics of one packet's delivery: link stress (copies per physical link, mean
 * over the links used and max), relative delay penalty per member (delay / unicast delay: median
 * and 90th percentile) and resource usage (the sum over physical links of delay × copies).
 */
import type { Delivery, Network } from './delivery.ts';

/** The metrics of one delivery. */
export interface Metrics {
  /** Mean copies over the physical links that carry at least one. */
  readonly meanStress: number;
  /** The most copies on one physical link. */
  readonly maxStress: number;
  /** Σ delay × copies over physical links (ms·copies). */
  readonly resource: number;
  /** Relative delay penalty over the reached members: median and 90th percentile. */
  readonly rdpMedian: number;
  readonly rdp90: number;
  /** Members reached, out of the members other than the source. */
  readonly reached: number;
  readonly receivers: number;
  /** Link crossings (packets forwarded). */
  readonly forwarded: number;
}

/** The q-quantile of `xs` by nearest rank (q = 0.5: the median's upper middle; 0.9: the 90th). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The metrics of `d` over `net` for the group `members` sent from `source`. */
export function metricsOf(
  net: Network,
  d: Delivery,
  source: number,
  members: readonly number[],
): Metrics {
  let used = 0;
  let total = 0;
  let max = 0;
  let resource = 0;
  for (let l = 0; l < d.copies.length; l++) {
    const c = d.copies[l]!;
    if (c === 0) continue;
    used++;
    total += c;
    max = Math.max(max, c);
    resource += c * net.linkDelay(l);
  }
  const rdps: number[] = [];
  let receivers = 0;
  for (const m of members) {
    if (m === source) continue;
    receivers++;
    const delay = d.delay[m]!;
    if (Number.isFinite(delay)) rdps.push(delay / net.delay(source, m));
  }
  return {
    meanStress: used === 0 ? 0 : total / used,
    maxStress: max,
    resource,
    rdpMedian: quantile(rdps, 0.5),
    rdp90: quantile(rdps, 0.9),
    reached: rdps.length,
    receivers,
    forwarded: d.forwarded,
  };
}
