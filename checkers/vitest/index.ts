/**
 * The vitest integration, for `import { describeProtocol } from 'groupcheck/vitest'`: a protocol's
 * variants as vitest suites, one test per engine. vitest is a peer dependency.
 *
 * @module
 */
import { describe, test } from 'vitest';
import { protocols } from '../../models/index.ts';
import { registerProtocol } from '../../models/registry.ts';
import {
  checkVariant,
  type CheckVariantOptions,
  type TypedProtocol,
  type VitestEngine,
} from './check-variant.ts';

export {
  checkVariant,
  defaultOutDir,
  type CheckVariantOptions,
  type Verdict,
  type VitestEngine,
} from './check-variant.ts';

/** The options of `describeProtocol`: the engines to run, their budgets, where traces go. */
export interface DescribeProtocolOptions<P = unknown> extends CheckVariantOptions<P> {
  /** The engines, one test each per variant (default: both, random first). */
  readonly engines?: readonly VitestEngine[];
  /** Only these variants (by name; default: all, correct ones and mutants). */
  readonly variants?: readonly string[];
  /**
   * The file that defines the protocol, relative to where the tests run (e.g. `./my-protocol.ts`):
   * its traces name it, so `npx groupcheck replay <trace>` loads it with no other flag.
   */
  readonly module?: string;
}

/** A failed protocol check; its message is the whole report (chart, trace file, replay command). */
export class ProtocolCheckError extends Error {
  override readonly name = 'ProtocolCheckError';
}

/**
 * Declares a vitest suite for a protocol: a `describe` per variant with one test per engine. A
 * correct variant's test passes when every property holds; a mutant's when the engine catches it
 * breaking the property it declares. A failing test's message names the violated property, the
 * seed, the text chart, the trace file and `npx groupcheck replay <file>` (see `checkVariant`).
 */
export function describeProtocol<P = unknown>(
  protocol: TypedProtocol<P>,
  options: DescribeProtocolOptions<P> = {},
): void {
  if (options.module !== undefined) {
    registerProtocol(
      protocol,
      options.module,
      protocols.map((p) => p.name),
    );
  }
  const engines = options.engines ?? ['random', 'exhaustive'];
  const only = options.variants;
  const variants = protocol.variants.filter((v) => only === undefined || only.includes(v.name));
  describe(protocol.name, () => {
    for (const variant of variants) {
      const kind = variant.breaks === undefined ? 'correct' : `mutant, breaks ${variant.breaks}`;
      describe(`${variant.name} (${kind})`, () => {
        for (const engine of engines) {
          test(engine, () => {
            const verdict = checkVariant(protocol, variant, engine, options);
            if (!verdict.ok) throw new ProtocolCheckError(verdict.message);
          });
        }
      });
    }
  });
}
