/**
 * The groupcheck command run from the TypeScript sources (`node --import tsx` this file), so a
 * test that spawns a child exercises the code under test, not a stale build in dist/.
 */
import { main } from '../../../checkers/cli.ts';

process.exitCode = await main(process.argv.slice(2));
