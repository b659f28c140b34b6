import type { JsonObject } from '../models/kernel/json.ts';

/**
 * The exhaustive bench's configuration of the total-order sequencer at 4 members: two multicasts,
 * one loss and one duplication (938,057 distinct states).
 */
export const LOSSY_SEQUENCER = {
  members: 4,
  multicasts: [0, 1],
  duplicates: 1,
  timeouts: 0,
  drops: 1,
} as const satisfies JsonObject;
