import * as fc from 'fast-check';
import { asModelError } from '../models/kernel/model-error.ts';
import { UsageError } from './usage-error.ts';

/**
 * A model's own arbitrary (a protocol's `scenarios`) whose generation and shrinking throw a
 * `ModelError` naming `what` when the arbitrary throws: the model's failure, which the CLI reports
 * as one `model error` line (exit 4), not as an internal error with fast-check's stack. A
 * `UsageError` passes as it is: a `--param` override no draw fits is the user's input. Values,
 * their contexts and shrinks are the arbitrary's own, so the same seed gives the same scenarios.
 */
export function guardedArbitrary<T>(what: string, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return new Guarded(what, arbitrary);
}

class Guarded<T> extends fc.Arbitrary<T> {
  constructor(
    private readonly what: string,
    private readonly inner: fc.Arbitrary<T>,
  ) {
    super();
  }

  generate(random: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    return call(`${this.what} (generating)`, () => this.inner.generate(random, biasFactor));
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return call(`${this.what} (shrinking)`, () => this.inner.canShrinkWithoutContext(value));
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    const shrinks = call(`${this.what} (shrinking)`, () => this.inner.shrink(value, context));
    return new fc.Stream(guardedIterator(`${this.what} (shrinking)`, shrinks));
  }
}

/** `f()`; what it throws is a `ModelError` saying `what` threw, but a `UsageError` as it is. */
function call<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw e instanceof UsageError ? e : asModelError(what, e);
  }
}

/** `values`, each step of which that throws is a `ModelError` saying `what` threw. */
function* guardedIterator<V>(what: string, values: Iterable<V>): Generator<V> {
  const it = values[Symbol.iterator]();
  for (;;) {
    const next = call(what, () => it.next());
    if (next.done === true) return;
    yield next.value;
  }
}
