import { describe, expect, it } from 'vitest';
import { checkRequestsEnd } from '../../properties/napster-requests.ts';
import type { Observation } from '../../models/kernel/spec.ts';

const up = { up: [true, true, true] };

describe('requests-end', () => {
  it('holds when every request ended, and for a peer that is down', () => {
    const history: Observation[] = [
      { node: 1, kind: 'login', q: 'p0.1' },
      { node: 1, kind: 'loggedIn', q: 'p0.1' },
      { node: 1, kind: 'search', q: 'p0.2' },
      { node: 1, kind: 'failed', q: 'p0.2' },
      { node: 2, kind: 'get', file: 'a.mp3', peer: 1 },
      { node: 2, kind: 'getFailed', file: 'a.mp3', peer: 1 },
      { node: 0, kind: 'search', q: 'p9.1' },
    ];
    expect(checkRequestsEnd(history.slice(0, 6), up)).toBeNull();
    expect(checkRequestsEnd(history, { up: [false, true, true] })).toBeNull();
    expect(checkRequestsEnd(history, up)?.nodes).toEqual([0]);
  });

  it('forgets a request a crash abandoned', () => {
    const history: Observation[] = [
      { node: 1, kind: 'search', q: 'p0.1' },
      { node: 1, kind: 'crash' },
      { node: 1, kind: 'recover' },
    ];
    expect(checkRequestsEnd(history, up)).toBeNull();
  });

  it('names the owed request: a search never answered, a download never ended', () => {
    expect(checkRequestsEnd([{ node: 1, kind: 'search', q: 'p0.3' }], up)?.message).toBe(
      "node 1's search p0.3 never ended",
    );
    expect(checkRequestsEnd([{ node: 2, kind: 'get', file: 'b.mp3', peer: 0 }], up)?.message).toBe(
      "node 2's get b.mp3 never ended",
    );
  });
});
