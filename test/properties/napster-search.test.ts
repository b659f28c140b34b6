import { describe, expect, it } from 'vitest';
import type { History, Observation, PropertyContext } from '../../models/kernel/spec.ts';
import {
  checkNoAnswerWithoutIndex,
  checkSearchComplete,
  checkSearchesAnswered,
  searchAfterIndexCrash,
} from '../../properties/napster-search.ts';

// Index servers 0-2; peer 3 shares a.mp3, peer 4 searches.
const allUp: PropertyContext = { nodes: 5, up: [true, true, true, true, true] };
const upBut = (...down: number[]): PropertyContext => ({
  nodes: 5,
  up: allUp.up.map((_, i) => !down.includes(i)),
});
const login = (q = 'p0.1', files = ['a.mp3']): Observation => ({
  node: 3,
  kind: 'login',
  q,
  files,
});
const loggedIn = (q = 'p0.1'): Observation => ({ node: 3, kind: 'loggedIn', q });
const logout = (q = 'p0.2'): Observation => ({ node: 3, kind: 'logout', q });
const loggedOut = (q = 'p0.2'): Observation => ({ node: 3, kind: 'loggedOut', q });
const search = (servers = [0], q = 'p1.1', keyword = 'a'): Observation => ({
  node: 4,
  kind: 'search',
  q,
  keyword,
  servers,
});
const found = (hits: { peer: number; file: string }[], q = 'p1.1'): Observation => ({
  node: 4,
  kind: 'found',
  q,
  hits,
});
const failed = (servers = [0], q = 'p1.1'): Observation => ({
  node: 4,
  kind: 'failed',
  q,
  op: 'search',
  servers,
});
const crash = (node: number): Observation => ({ node, kind: 'crash' });
const listsP0 = found([{ peer: 3, file: 'a.mp3' }]);

describe('search-complete', () => {
  it('holds for a search after a login that lists the peer, and after a logout that does not', () => {
    expect(checkSearchComplete([login(), loggedIn(), search(), listsP0])).toBeNull();
    const out: History = [login(), loggedIn(), logout(), loggedOut(), search(), found([])];
    expect(checkSearchComplete(out)).toBeNull();
  });

  it('lets logins, logouts and crashes concurrent with the search go either way', () => {
    // Login acknowledged only after the search began: listed or not.
    expect(checkSearchComplete([login(), search(), loggedIn(), found([])])).toBeNull();
    expect(checkSearchComplete([login(), search(), loggedIn(), listsP0])).toBeNull();
    // Logout invoked before the answer, or acknowledged after the search began: either.
    const during: History = [login(), loggedIn(), search(), logout(), listsP0];
    expect(checkSearchComplete(during)).toBeNull();
    expect(
      checkSearchComplete([login(), loggedIn(), logout(), search(), loggedOut(), listsP0]),
    ).toBeNull();
    expect(checkSearchComplete([login(), loggedIn(), search(), logout(), found([])])).toBeNull();
    // A crashed peer's files may stay listed (the index cannot know), or be missed.
    expect(checkSearchComplete([login(), loggedIn(), crash(3), search(), listsP0])).toBeNull();
    expect(checkSearchComplete([login(), loggedIn(), crash(3), search(), found([])])).toBeNull();
    // Logged in again after the logout, before the answer.
    const again: History = [
      login(),
      loggedIn(),
      logout(),
      loggedOut(),
      search(),
      login('p0.3'),
      listsP0,
    ];
    expect(checkSearchComplete(again)).toBeNull();
  });

  it('fails a search that misses a peer logged in throughout', () => {
    const v = checkSearchComplete([login(), loggedIn(), search(), found([])]);
    expect(v?.property).toBe('search-complete');
    expect(v?.message).toMatch(/misses a\.mp3 at node 3, logged in throughout/);
    expect(v?.nodes).toEqual([4, 3]);
  });

  it('fails a search that lists a peer whose logout was acknowledged before it began', () => {
    const v = checkSearchComplete([login(), loggedIn(), logout(), loggedOut(), search(), listsP0]);
    expect(v?.message).toMatch(
      /lists node 3, whose logout was acknowledged before the search began/,
    );
  });

  it('fails a search that lists files nobody shared, or that do not match', () => {
    const phantom = [search(), found([{ peer: 3, file: 'a.mp3' }])];
    expect(checkSearchComplete(phantom)?.message).toMatch(/never shared it/);
    const other = [
      login('p0.1', ['b.mp3']),
      loggedIn(),
      search(),
      found([{ peer: 3, file: 'b.mp3' }]),
    ];
    expect(checkSearchComplete(other)?.message).toMatch(/does not match/);
  });

  it('takes the keyword match as a parameter', () => {
    const exact = (file: string, keyword: string) => file === keyword;
    expect(checkSearchComplete([login(), loggedIn(), search(), found([])], exact)).toBeNull();
  });
});

describe('searches-answered', () => {
  it('holds when every search was answered, or failed with its index down', () => {
    expect(checkSearchesAnswered([search(), found([])], allUp)).toBeNull();
    expect(checkSearchesAnswered([crash(0), search(), failed()], upBut(0))).toBeNull();
    const majority = [crash(0), crash(1), search([0, 1, 2]), failed([0, 1, 2])];
    expect(checkSearchesAnswered(majority, upBut(0, 1))).toBeNull();
    // A crashed peer's search need not end.
    expect(checkSearchesAnswered([search(), crash(4)], upBut(4))).toBeNull();
  });

  it('fails a search never answered, or failed with a majority of its servers up', () => {
    expect(checkSearchesAnswered([search()], allUp)?.message).toMatch(/never answered/);
    const v = checkSearchesAnswered([crash(0), search([0, 1, 2]), failed([0, 1, 2])], upBut(0));
    expect(v?.property).toBe('searches-answered');
    expect(v?.message).toMatch(/failed with 1 of 3 index servers down/);
    expect(checkSearchesAnswered([search(), failed()], allUp)?.message).toMatch(/0 of 1/);
  });
});

describe('no-answer-without-index', () => {
  it('holds when searches begun with the index down fail, and others are answered', () => {
    expect(checkNoAnswerWithoutIndex([crash(0), search(), failed()])).toBeNull();
    expect(checkNoAnswerWithoutIndex([search(), crash(0), found([])])).toBeNull();
    expect(checkNoAnswerWithoutIndex([crash(0), search([0, 1, 2]), found([])])).toBeNull();
  });

  it('fails a search answered though it began with the index crashed', () => {
    const v = checkNoAnswerWithoutIndex([crash(0), search(), found([])]);
    expect(v?.property).toBe('no-answer-without-index');
    expect(v?.message).toMatch(/began with 1 of its 1 index servers crashed/);
  });
});

describe('search-after-index-crash', () => {
  it('is reached by a search failing with the index down, or answered after a fail-over', () => {
    expect(searchAfterIndexCrash([crash(0), search(), failed()])).toBe(true);
    expect(searchAfterIndexCrash([crash(0), search([0, 1, 2]), found([])])).toBe(true);
  });

  it('is not reached without a crash first, or by a search that has not ended', () => {
    expect(searchAfterIndexCrash([search(), crash(0), failed()])).toBe(false);
    expect(searchAfterIndexCrash([crash(0), search()])).toBe(false);
    expect(searchAfterIndexCrash([crash(3), search(), found([])])).toBe(false);
  });
});
