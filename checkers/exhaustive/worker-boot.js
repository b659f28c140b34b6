// Worker threads start from plain JavaScript: register tsx's loader, then load the TypeScript
// module named in workerData (the loader registered by bin/groupcheck.js does not reach workers).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.module);
