#!/usr/bin/env node
// The groupcheck command. The sources are TypeScript, run through tsx's loader: no build step, so
// `npm ci` is all a machine needs before `npx groupcheck`.
import { register } from 'tsx/esm/api';

register();
// `groupcheck … | head` closes the pipe early: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const { main } = await import('../checkers/cli.ts');
process.exitCode = await main(process.argv.slice(2));
