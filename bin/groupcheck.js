#!/usr/bin/env node
// The groupcheck command. It runs the JavaScript that `npm run build` writes to dist/ (`npm ci`
// builds it through the `prepare` script). When dist/ is missing, or older than a TypeScript
// source (an edit since the last build), it runs the sources through tsx's loader instead, which
// compiles them at every start: the same behaviour, a slower start.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `groupcheck … | head` closes the pipe early: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The folders and files `tsconfig.build.json` compiles. */
const SOURCES = ['models', 'checkers', 'properties', 'experiments', 'index.ts'];

/** The newest modification time of a TypeScript source; 0 in a package, which ships dist/ only. */
function newestSource() {
  let newest = 0;
  for (const name of SOURCES) {
    const top = join(root, name);
    if (!existsSync(top)) continue;
    if (name.endsWith('.ts')) {
      newest = Math.max(newest, statSync(top).mtimeMs);
      continue;
    }
    for (const file of readdirSync(top, { recursive: true })) {
      if (file.endsWith('.ts')) newest = Math.max(newest, statSync(join(top, file)).mtimeMs);
    }
  }
  return newest;
}

const built = join(root, 'dist/checkers/cli.js');
let cli;
if (existsSync(built) && statSync(built).mtimeMs >= newestSource()) {
  cli = await import(pathToFileURL(built).href);
} else {
  process.stderr.write('groupcheck: running from source (npm run build for a fast start)\n');
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../checkers/cli.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));
