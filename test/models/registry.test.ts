import { afterEach, describe, expect, it } from 'vitest';
import {
  forgetRegisteredProtocols,
  registeredProtocols,
  registerProtocol,
} from '../../models/registry.ts';
import { faultyProtocol } from '../fixtures/faulty-protocol.ts';
import { cli } from '../checkers/helpers.ts';

afterEach(() => forgetRegisteredProtocols());

/** A protocol of its own name. */
const named = (name: string) => ({ ...faultyProtocol, name });

describe('the registry of loaded protocols', () => {
  it('forgets all of them, or those after the first few', () => {
    for (const name of ['a', 'b', 'c']) registerProtocol(named(name), null, []);
    forgetRegisteredProtocols(2);
    expect(registeredProtocols().map((p) => p.name)).toEqual(['a', 'b']);
    forgetRegisteredProtocols(5);
    expect(registeredProtocols()).toHaveLength(2);
    forgetRegisteredProtocols();
    expect(registeredProtocols()).toEqual([]);
  });

  it('is left as it was by a command run in-process (test files share their modules)', async () => {
    const mine = named('mine');
    registerProtocol(mine, null, []);
    const run = await cli('check', './test/fixtures/faulty-protocol.ts', '--variant', 'stray');
    expect(run.stdout).toContain('stray');
    expect(registeredProtocols()).toEqual([mine]);
  });
});
