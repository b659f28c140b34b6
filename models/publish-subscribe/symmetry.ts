import type { Payload } from '../kernel/action.ts';
import { canonicalJson, isJsonObject, type Json, type JsonObject } from '../kernel/json.ts';
import type { Config, Symmetry } from '../kernel/protocol.ts';
import { movedByNode, renameNode } from '../kernel/renaming.ts';

/**
 * Node symmetry of publish-subscribe: subscribers first attached to the same edge that get the
 * same requests, in the same order, are interchangeable. Publishers, the origin and the edges stay
 * fixed (the edges' fail-over order is fixed, and subscribers' `path` observations name them).
 *
 * A subscriber's index appears in every node's links (one per peer, whose unacknowledged bodies
 * may name a subscriber in `sub`), in the origin's subscription `table` and attachment `epochs`,
 * in an edge's `local` subscriptions, and in the `sub` of the bodies segments carry. The lists
 * keep their order: it is the order things happened in, which the renamed run repeats.
 * Observations name no subscriber; the global order that `honest-cut` reads is salted with the
 * observer's index, which the kernel renames (its digest is recomputed from the history).
 */
export const publishSubscribeSymmetry: Symmetry = {
  classes: (config: Config) => {
    const groups = new Map<string, number[]>();
    config.nodes.forEach((node, i) => {
      if (node.role !== 'subscriber' || !isJsonObject(node.input)) return;
      const requests = config.inputs.filter((input) => input.node === i).map((x) => x.event);
      const key = canonicalJson([node.input['edge'] ?? null, requests]);
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    return [...groups.values()];
  },
  renameContext: (context: Json, perm: readonly number[]) => {
    if (!isJsonObject(context)) return context;
    const renamed: { [field: string]: Json } = { ...context };
    const links = context['links'];
    if (Array.isArray(links))
      renamed['links'] = movedByNode(links, perm).map((l) => renameLink(l, perm));
    const epochs = context['epochs'];
    if (Array.isArray(epochs)) renamed['epochs'] = movedByNode(epochs, perm);
    for (const field of ['table', 'local']) {
      const rows = context[field];
      if (Array.isArray(rows)) renamed[field] = rows.map((row) => renameSub(row, perm));
    }
    return renamed;
  },
  renameMessage: (msg: Payload, perm: readonly number[]) => {
    const body = msg['body'];
    return body === undefined ? msg : { ...msg, body: renameSub(body, perm) };
  },
};

/** One end of a link, the subscriber named by each unacknowledged body renamed. */
function renameLink(link: Json, perm: readonly number[]): Json {
  if (!isJsonObject(link) || !Array.isArray(link['unacked'])) return link;
  return { ...link, unacked: link['unacked'].map((body) => renameSub(body, perm)) };
}

/** A record with its subscriber `sub` renamed (a body, a table row, a local subscription). */
function renameSub(record: Json, perm: readonly number[]): Json {
  if (!isJsonObject(record)) return record;
  const sub = record['sub'];
  if (typeof sub !== 'number' || sub < 0) return record;
  return { ...(record as JsonObject), sub: renameNode(sub, perm) };
}
