/**
 * The Freenet simulator figures on their own: `npm run bench` runs this in a fresh process, so the
 * heap the earlier sections leave behind (the serializability checker's hundreds of megabytes)
 * does not tax the simulator's garbage collector.
 */
import { printFreenetBench } from './freenet.ts';

const quick = process.argv.includes('--quick');
printFreenetBench(quick ? 3 : 5, quick);
