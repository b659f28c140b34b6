/**
 * The properties, for `import … from 'groupcheck/properties'`: each checked property with its
 * checker function, and the history readers and checkers they share.
 *
 * @module
 */
export * from './agreement.ts';
export * from './all-delivered.ts';
export * from './capacity-matching.ts';
export * from './consolidated-result.ts';
export * from './content-integrity.ts';
export * from './exactly-once-answer.ts';
export * from './expanding-ring.ts';
export * from './fail-over.ts';
export * from './flow-control.ts';
export * from './gnutella-cost.ts';
export * from './gnutella-routing.ts';
export * from './horizon-discovery.ts';
export * from './insert-collision.ts';
export * from './integrity.ts';
export * from './json-lines.ts';
export * from './key-discovery.ts';
export * from './key-value-spec.ts';
export * from './linearizability-file.ts';
export * from './linearizability.ts';
export * from './lock-compatibility.ts';
export * from './lock-fairness.ts';
export * from './locked-operations.ts';
export * from './multicast-delivery.ts';
export * from './napster-requests.ts';
export * from './napster-search.ts';
export * from './napster-transfer.ts';
export * from './no-duplicate-action.ts';
export * from './no-missed-action.ts';
export * from './node-memory.ts';
export * from './one-copy-equivalence.ts';
export * from './one-primary.ts';
export * from './operations-complete.ts';
export * from './overlay-delivery.ts';
export * from './overlay-mesh.ts';
export * from './parts-consolidated.ts';
export * from './prefix-consistency.ts';
export * from './pong-caching.ts';
export * from './query-routing.ts';
export * from './random-walk.ts';
export * from './request-handling.ts';
export * from './request-progress.ts';
export * from './restart-commits.ts';
export * from './reverse-path-caching.ts';
export * from './same-view-delivery.ts';
export * from './serial-data.ts';
export * from './serializability.ts';
export * from './subscription-cut.ts';
export * from './subscription-delivery.ts';
export * from './subscription-liveness.ts';
export * from './total-order.ts';
export * from './transaction-progress.ts';
export * from './ultrapeer.ts';
export * from './validity.ts';
export * from './view-agreement.ts';
export * from './view-change.ts';
export * from './views.ts';
export * from './virtual-synchrony.ts';
export * from './vs-history.ts';
export * from './vs-validity.ts';
export * from './wait-for-graph.ts';
export * from './walkers-end.ts';
export * from './write-versions.ts';
