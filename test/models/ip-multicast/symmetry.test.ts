import { describe, expect, it } from 'vitest';
import { ipMulticastProtocol, configure } from '../../../models/ip-multicast/model.ts';
import { ipMulticastSymmetry } from '../../../models/ip-multicast/symmetry.ts';
import { isJsonObject, type Json } from '../../../models/kernel/json.ts';
import type { Config, Protocol, Symmetry } from '../../../models/kernel/protocol.ts';
import { System } from '../../../models/kernel/system.ts';
import { strayImage, symmetryTests } from '../../helpers/symmetry.ts';

const protocol: Protocol = ipMulticastProtocol;

/** Two routers, one subnet-scoped link; the source on r0 sends one packet with TTL 2. */
const line = {
  routers: 2,
  links: [{ a: 0, b: 1, threshold: 1 }],
  group: '239.1.2.3',
  sends: [2],
  joins: [],
  leaves: [],
  remove: false,
  drops: 0,
};

// Member hosts on one router with the same joins and leaves are interchangeable: the reachable
// set is closed under the group, and `--symmetry` stores one state per orbit (pinned).
symmetryTests(protocol, [
  // h0 and h1 on r1 both join: reports in either order, `member` and `forward` name them.
  { variant: 'dvmrp', params: { ...line, members: [1, 1], joins: [0, 1] }, orbits: 484 },
  // Two classes: h0, h1 on r1 join; h2, h3 on r0 (the source's subnet) never do.
  { variant: 'dvmrp', params: { ...line, members: [1, 1, 0, 0], joins: [0, 1] }, orbits: 1440 },
  // Three members on r1 join (a group of 6); the packet has TTL 0, so it stays on the source.
  {
    variant: 'dvmrp',
    params: { ...line, members: [1, 1, 1], joins: [0, 1, 2], sends: [0] },
    orbits: 847,
  },
]);

describe('ip-multicast symmetry classes', () => {
  const classes = (changes: object) =>
    ipMulticastSymmetry.classes(configure({ ...line, members: [1, 1], joins: [0, 1], ...changes }));

  it('puts member hosts on one router with the same inputs together', () => {
    // r0, r1, src (2), h0 (3), h1 (4), sdr (5).
    expect(classes({})).toEqual([[3, 4]]);
    expect(classes({ members: [1, 0, 1, 0], joins: [0, 1, 2, 3] })).toEqual([
      [3, 5],
      [4, 6],
    ]);
  });

  it('keeps apart hosts on different routers, with different inputs, and the source', () => {
    expect(classes({ members: [0, 1] })).toEqual([]);
    expect(classes({ joins: [0] })).toEqual([]);
    expect(classes({ leaves: [1] })).toEqual([]);
    // A member on r0's subnet has the source's input, but the source is r0's upstream.
    expect(classes({ members: [0], joins: [] })).toEqual([]);
  });

  it('is empty in every bounded configuration (its members are on different routers)', () => {
    for (let n = ipMulticastProtocol.nodes.min; n <= ipMulticastProtocol.nodes.max; n++) {
      expect(
        ipMulticastSymmetry.classes(configure(ipMulticastProtocol.definition.bounded(n))),
      ).toEqual([]);
    }
  });

  it('leaves a class fixed when declared links would not be kept', () => {
    const config = configure({ ...line, members: [1, 1], joins: [0, 1] });
    const links = config.nodes.map((_, i) => config.nodes.map((__, j) => j).filter((j) => j !== i));
    expect(ipMulticastSymmetry.classes({ ...config, links })).toEqual([[3, 4]]);
    // h0 may send to r0 (a made-up link), h1 may not.
    const skewed = links.map((tos, i) => (i === 4 ? tos.filter((j) => j !== 0) : tos));
    expect(ipMulticastSymmetry.classes({ ...config, links: skewed })).toEqual([]);
  });
});

describe('ip-multicast renaming', () => {
  const perm = [0, 1, 2, 4, 3, 5];
  const config = configure({ ...line, members: [1, 1], joins: [0, 1] });

  it('renames a router’s members in report order, and the directory’s hosts ascending', () => {
    const router = {
      links: [{ peer: 0, threshold: 1 }],
      upstream: 0,
      firstHop: false,
      children: [],
      members: [4, 3],
      effective: [4],
      needs: [
        { host: 4, need: 2 },
        { host: 3, need: 2 },
      ],
      pruned: [],
      waiting: [],
    };
    expect(ipMulticastSymmetry.renameContext(router, perm, config)).toEqual({
      ...router,
      members: [3, 4],
      effective: [3],
      needs: [
        { host: 3, need: 2 },
        { host: 4, need: 2 },
      ],
    });
    const directory = { group: '239.1.2.3', hosts: [2, 3, 4] };
    expect(ipMulticastSymmetry.renameContext(directory, perm, config)).toEqual(directory);
    const host = { router: 1, need: 2, group: null, seq: 0 };
    expect(ipMulticastSymmetry.renameContext(host, perm, config)).toEqual(host);
  });

  it('renames the hosts that observations name, and leaves messages alone', () => {
    const rename = ipMulticastSymmetry.renameObservation!;
    expect(rename({ node: 1, kind: 'forward', pkt: 'p0', to: 3 }, perm, config)).toEqual({
      node: 1,
      kind: 'forward',
      pkt: 'p0',
      to: 4,
    });
    expect(rename({ node: 1, kind: 'member', host: 4, need: 2 }, perm, config)).toMatchObject({
      host: 3,
    });
    expect(rename({ node: 1, kind: 'nonmember', host: 3 }, perm, config)).toMatchObject({
      host: 4,
    });
    expect(rename({ node: 1, kind: 'arrive', pkt: 'p0', from: 0 }, perm, config)).toMatchObject({
      from: 0,
    });
    expect(
      rename({ node: 3, kind: 'deliver', pkt: 'p0', group: 'g', need: 2 }, perm, config),
    ).toEqual({
      node: 3,
      kind: 'deliver',
      pkt: 'p0',
      group: 'g',
      need: 2,
    });
    const report = { type: 'Report', group: '239.1.2.3', need: 2 };
    expect(ipMulticastSymmetry.renameMessage(report, perm, config)).toEqual(report);
  });
});

describe('wrong ip-multicast symmetries are caught', () => {
  const withSymmetry = (symmetry: Partial<Symmetry>): Protocol => ({
    ...protocol,
    symmetry: { ...ipMulticastSymmetry, ...symmetry },
  });

  it('hosts on different routers: the reachable set is not closed under swapping them', () => {
    // h0 on r0 and h1 on r1, both join: same inputs, but not the same subnet.
    const naive = withSymmetry({
      classes: (config: Config) => [
        config.nodes.flatMap((node, i) => (node.role === 'host' && node.name !== 'src' ? [i] : [])),
      ],
    });
    const sys = new System(naive, protocol.variants[0]!, {
      ...line,
      members: [0, 1],
      joins: [0, 1],
    });
    expect(strayImage(sys)).not.toBeNull();
  });

  it('a router’s members re-sorted after renaming: an order no run reaches', () => {
    // The router forwards and confirms in report order, so that order is state, not form.
    const sortedMembers = withSymmetry({
      renameContext: (context: Json, perm: readonly number[], config: Config) => {
        const renamed = ipMulticastSymmetry.renameContext(context, perm, config);
        if (!isJsonObject(renamed) || !Array.isArray(renamed['members'])) return renamed;
        return { ...renamed, members: [...renamed['members']].sort() };
      },
    });
    const sys = new System(sortedMembers, protocol.variants[0]!, {
      ...line,
      members: [1, 1],
      joins: [0, 1],
    });
    expect(strayImage(sys)).not.toBeNull();
  });

  it('observations left unrenamed: `member {host}` would name the wrong host', () => {
    const unrenamed = withSymmetry({ renameObservation: (o) => o });
    const sys = new System(unrenamed, protocol.variants[0]!, {
      ...line,
      members: [1, 1],
      joins: [0, 1],
    });
    expect(strayImage(sys)).not.toBeNull();
  });
});
