import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedDocs, REPO_ROOT, stalePages } from '../../checkers/docs.ts';
import { pagePath } from '../../checkers/docs/protocol-page.ts';
import { protocols } from '../../models/index.ts';

const docs = generatedDocs();

describe('generated docs', () => {
  it.each(Object.entries(docs))('%s is up to date (run `npm run docs`)', (path, text) => {
    expect(readFileSync(`${REPO_ROOT}${path}`, 'utf8')).toBe(text);
  });

  it('has a page for every protocol', () => {
    for (const p of protocols) expect(Object.keys(docs)).toContain(pagePath(p.name));
  });

  it('leaves no page of a protocol that no longer exists (run `npm run docs`)', () => {
    expect(stalePages(docs)).toEqual([]);
  });
});

describe('stalePages', () => {
  it('finds the pages no protocol generates any more', () => {
    const onDisk = ['docs/protocols/gone.md', pagePath(protocols[0]!.name)];
    expect(stalePages(docs, onDisk)).toEqual(['docs/protocols/gone.md']);
  });
});
