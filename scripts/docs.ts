/**
 * `npm run docs`: regenerates the files under docs/ that are derived from code (the trace JSON
 * Schema, the protocol reference). A test fails when they are stale.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { generatedDocs } from '../checkers/docs.ts';

for (const [path, text] of Object.entries(generatedDocs())) {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
  console.log(`wrote ${path}`);
}
