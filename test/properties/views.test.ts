import { describe, expect, it } from 'vitest';
import { installation, membersText, startsIncarnation } from '../../properties/views.ts';

describe('installation', () => {
  it('reads a view observation', () => {
    expect(installation({ node: 2, kind: 'view', view: 3, members: [0, 2] })).toEqual({
      node: 2,
      view: 3,
      members: [0, 2],
    });
  });

  it('reads nothing from other kinds or malformed fields', () => {
    expect(installation({ node: 0, kind: 'deliver', view: 1, members: [0] })).toBeNull();
    expect(installation({ node: 0, kind: 'view', view: '1', members: [0] })).toBeNull();
    expect(installation({ node: 0, kind: 'view', view: 1 })).toBeNull();
    expect(installation({ node: 0, kind: 'view', view: 1, members: [0, 'p1'] })).toBeNull();
  });
});

describe('startsIncarnation', () => {
  it('is true of join and recover only', () => {
    const kinds = ['join', 'recover', 'crash', 'leave', 'view', 'deliver'];
    expect(kinds.filter((kind) => startsIncarnation({ node: 0, kind }))).toEqual([
      'join',
      'recover',
    ]);
  });
});

describe('membersText', () => {
  it('writes a membership compactly', () => {
    expect(membersText([0, 1, 5])).toBe('[0,1,5]');
    expect(membersText([])).toBe('[]');
  });
});
