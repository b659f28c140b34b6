import { describe, expect, it } from 'vitest';
import type { Json } from '../../models/kernel/json.ts';
import type {
  History,
  NodeView,
  Observation,
  PropertyContext,
  WorldView,
} from '../../models/kernel/spec.ts';
import { checkDataPeerToPeer, checkGetFromListedPeer } from '../../properties/napster-transfer.ts';

// Index server 0; peer 1 shares a.mp3, peer 2 downloads it.
const allUp: PropertyContext = { nodes: 3, up: [true, true, true] };
const found: Observation = {
  node: 2,
  kind: 'found',
  q: 'p1.1',
  hits: [{ peer: 1, file: 'a.mp3' }],
};
const get = (peer = 1): Observation => ({ node: 2, kind: 'get', file: 'a.mp3', peer });
const got: Observation = { node: 2, kind: 'got', file: 'a.mp3', peer: 1, data: 'a.mp3 from p0' };
const getFailed = (reason: string): Observation => ({
  node: 2,
  kind: 'getFailed',
  file: 'a.mp3',
  peer: 1,
  reason,
});

describe('get-from-listed-peer', () => {
  it('holds for a download from the listed peer that succeeds', () => {
    expect(checkGetFromListedPeer([found, get(), got], allUp)).toBeNull();
  });

  it('holds for a failed download from a peer that crashed or logged out', () => {
    const crashed: History = [found, get(), { node: 1, kind: 'crash' }, getFailed('no answer')];
    expect(checkGetFromListedPeer(crashed, { nodes: 3, up: [true, false, true] })).toBeNull();
    const left: History = [
      found,
      { node: 1, kind: 'logout', q: 'p0.2' },
      get(),
      getFailed('unavailable'),
    ];
    expect(checkGetFromListedPeer(left, allUp)).toBeNull();
  });

  it('fails a download from a peer that neither crashed nor logged out', () => {
    const v = checkGetFromListedPeer([found, get(), getFailed('unavailable')], allUp);
    expect(v?.property).toBe('get-from-listed-peer');
    expect(v?.message).toMatch(/neither crashed nor logged out/);
  });

  it('fails a download from a peer no search listed, or one that never ends', () => {
    expect(checkGetFromListedPeer([get()], allUp)?.message).toMatch(/did not list/);
    expect(checkGetFromListedPeer([found, get(0)], allUp)?.message).toMatch(/did not list/);
    expect(checkGetFromListedPeer([found, get()], allUp)?.message).toMatch(/never ended/);
    expect(
      checkGetFromListedPeer([found, get()], { nodes: 3, up: [true, true, false] }),
    ).toBeNull();
    expect(checkGetFromListedPeer([found, got], allUp)?.message).toMatch(/did not ask/);
  });
});

const node = (role: string): NodeView => ({ role, status: 'up', value: null, context: null });
const world = (msgs: { from: number; to: number; msg: Json }[]): WorldView => ({
  nodes: [node('index'), node('peer'), node('peer')],
  inFlight: () => msgs,
});

describe('data-peer-to-peer', () => {
  it('holds while file data travels between peers and the index sees only requests', () => {
    const ok = world([
      { from: 1, to: 2, msg: { type: 'File', file: 'a.mp3', data: 'a.mp3 from p0' } },
      { from: 2, to: 0, msg: { type: 'Request', f: 'search', key: 'a' } },
    ]);
    expect(checkDataPeerToPeer(ok)).toBeNull();
  });

  it('fails when file data is in flight to or from an index server', () => {
    const relay = world([{ from: 0, to: 2, msg: { type: 'File', file: 'a.mp3', data: 'x' } }]);
    const v = checkDataPeerToPeer(relay);
    expect(v?.property).toBe('data-peer-to-peer');
    expect(v?.message).toMatch(/through an index/);
    const upload = world([{ from: 1, to: 0, msg: { type: 'Upload', data: 'x' } }]);
    expect(checkDataPeerToPeer(upload)?.nodes).toEqual([1, 0]);
  });
});
