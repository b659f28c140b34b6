/**
 * `describeProtocol` as a user calls it from their own test file: the bundled total-order protocol,
 * every variant (correct ones and mutants), both engines, with small budgets.
 */
import os from 'node:os';
import path from 'node:path';
import { describeProtocol } from '../../../checkers/vitest/index.ts';
import { totalOrderProtocol } from '../../../models/total-order/model.ts';

describeProtocol(totalOrderProtocol, {
  runs: 100,
  seed: 1,
  engines: ['random', 'exhaustive'],
  nodes: 3,
  out: path.join(os.tmpdir(), 'groupcheck-vitest-test'),
});
