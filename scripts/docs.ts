/**
 * `npm run docs`: regenerates the files under docs/ that are derived from code (the trace JSON
 * Schema, the protocol index and one page per protocol), each written to a temporary file and
 * renamed into place, and removes the pages of protocols that no longer exist. A test fails when
 * they are stale.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generatedDocs, REPO_ROOT, stalePages } from '../checkers/docs.ts';

const docs = generatedDocs();
for (const [path, text] of Object.entries(docs)) {
  const file = `${REPO_ROOT}${path}`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  console.log(`wrote ${path}`);
}
for (const path of stalePages(docs)) {
  rmSync(`${REPO_ROOT}${path}`);
  console.log(`removed ${path}`);
}
