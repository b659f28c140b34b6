import type { Payload } from '../kernel/action.ts';
import { isJsonObject, type Json } from '../kernel/json.ts';
import type { Config, Symmetry } from '../kernel/protocol.ts';
import { movedByNode } from '../kernel/renaming.ts';

/**
 * Node symmetry of virtual synchrony, where it truly holds: in a configuration where no view can
 * change (no crash, suspicion, join or leave; partitions only delay, and heal), the members other
 * than the sequencer (member 0) that multicast nothing are interchangeable. A view change breaks
 * it: the coordinator is the lowest survivor and ballots are `round * n + self`, so members are
 * ordered by index, and the `view` and `suspect` observations name members, which renaming would
 * have to change too (the kernel moves each node's observations with it, it does not rewrite
 * them). So any such budget leaves every node fixed. Node indices live in the context's `self`,
 * view and proposal member lists (kept ascending), `suspected` and `joins` (ascending),
 * `departed` (one entry per node), ballot numbers (`promised`, `accepted`, the coordinator's
 * `ballot`, whose reports keep their arrival order) and in the Flush, FlushAck, Accept, Accepted
 * and NewView payloads (ballots, proposals, views); the kernel renames `from`.
 */
export const virtualSynchronySymmetry: Symmetry = {
  classes: (config: Config) => {
    const { crash = 0, timeout = 0, join = 0, leave = 0 } = config.faults;
    if (crash + timeout + join + leave > 0) return [];
    const origins = new Set(config.inputs.map((i) => i.node));
    const members = config.nodes.flatMap((node, i) => (node.out === true ? [] : [i]));
    return [members.filter((i) => i !== 0 && !origins.has(i))];
  },
  renameContext: (context: Json, perm: readonly number[]) => {
    if (!isJsonObject(context) || typeof context['self'] !== 'number') return context;
    const renamed: { [field: string]: Json } = { ...context, self: perm[context['self']]! };
    renamed['view'] = renameView(context['view'] ?? null, perm);
    renamed['suspected'] = renameNodes(context['suspected'] ?? null, perm);
    renamed['joins'] = renameNodes(context['joins'] ?? null, perm);
    const departed = context['departed'];
    if (Array.isArray(departed)) renamed['departed'] = movedByNode(departed, perm);
    renamed['promised'] = renameBallot(context['promised'] ?? null, perm);
    renamed['accepted'] = renameProposal(context['accepted'] ?? null, perm);
    const ballot = context['ballot'] ?? null;
    if (isJsonObject(ballot)) {
      const reports = ballot['reports'];
      renamed['ballot'] = {
        ...ballot,
        number: renameBallot(ballot['number'] ?? null, perm),
        // In arrival order (the coordinator's own first): renamed in place, not re-sorted.
        reports: Array.isArray(reports) ? reports.map((r) => renameReport(r, perm)) : null,
        proposal: renameProposal(ballot['proposal'] ?? null, perm),
        accepted: renameNodes(ballot['accepted'] ?? null, perm),
      };
    }
    return renamed;
  },
  renameMessage: (msg: Payload, perm: readonly number[]) => {
    const out: Payload = { ...msg };
    const fields: { [field: string]: Json } = {};
    if ('ballot' in msg) fields['ballot'] = renameBallot(msg['ballot'] ?? null, perm);
    if ('proposal' in msg) fields['proposal'] = renameProposal(msg['proposal'] ?? null, perm);
    if ('accepted' in msg) fields['accepted'] = renameProposal(msg['accepted'] ?? null, perm);
    if (msg.type === 'NewView') fields['view'] = renameView(msg['view'] ?? null, perm);
    return { ...out, ...fields };
  },
};

/** A ballot `round * n + owner` with its owner renamed (negative, or not a number: as is). */
function renameBallot(ballot: Json, perm: readonly number[]): Json {
  if (typeof ballot !== 'number' || ballot < 0) return ballot;
  const n = perm.length;
  return ballot - (ballot % n) + perm[ballot % n]!;
}

/** An ascending list of node indices renamed, ascending again (anything else: as is). */
function renameNodes(list: Json, perm: readonly number[]): Json {
  if (!Array.isArray(list)) return list;
  const nodes = list.flatMap((k) => (typeof k === 'number' ? [perm[k]!] : []));
  return nodes.length === list.length ? nodes.sort((a, b) => a - b) : list;
}

/** A view or proposal (or null) with its members renamed, ascending. */
function renameView(view: Json, perm: readonly number[]): Json {
  if (!isJsonObject(view)) return view;
  return { ...view, members: renameNodes(view['members'] ?? null, perm) };
}

/** A proposal, accepted (with its ballot) or not, or null, renamed. */
function renameProposal(proposal: Json, perm: readonly number[]): Json {
  if (!isJsonObject(proposal)) return proposal;
  const renamed = { ...proposal, members: renameNodes(proposal['members'] ?? null, perm) };
  return 'ballot' in proposal
    ? { ...renamed, ballot: renameBallot(proposal['ballot'] ?? null, perm) }
    : renamed;
}

/** A coordinator's flush report: its reporter and the proposal it accepted. */
function renameReport(report: Json, perm: readonly number[]): Json {
  if (!isJsonObject(report)) return report;
  const from = report['from'];
  return {
    ...report,
    from: typeof from === 'number' ? perm[from]! : null,
    accepted: renameProposal(report['accepted'] ?? null, perm),
  };
}
