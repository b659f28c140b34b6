import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedDocs } from '../../checkers/docs.ts';

describe('generated docs', () => {
  it.each(Object.entries(generatedDocs()))(
    '%s is up to date (run `npm run docs`)',
    (path, text) => {
      expect(readFileSync(path, 'utf8')).toBe(text);
    },
  );
});
