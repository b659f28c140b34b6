#!/usr/bin/env node
// The groupcheck command. The sources are TypeScript, run through tsx's loader: no build step, so
// `npm ci` is all a machine needs before `npx groupcheck`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../checkers/cli.ts');
process.exitCode = await main(process.argv.slice(2));
