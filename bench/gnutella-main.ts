/**
 * The Gnutella simulator figures on their own (`npx tsx bench/gnutella-main.ts [--quick]`), in a
 * fresh process as the Freenet ones are, so another section's heap does not tax the simulator.
 */
import { printGnutellaBench } from './gnutella.ts';

const quick = process.argv.includes('--quick');
printGnutellaBench(quick ? 3 : 5, quick);
