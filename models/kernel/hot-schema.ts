import { z } from 'zod';

/**
 * How many uses make a schema hot. Compiling one takes 1-15 ms and saves about a microsecond a use
 * (and the parsed copy), so it pays only in a process that checks thousands.
 */
export const HOT_AFTER = 1000;

/** A zod schema's `parse` and a yes-or-no check, on zod's generated code once it is hot. */
export interface HotSchema<T extends z.ZodType> {
  /** What `schema.parse` gives (or throws). */
  parse(value: unknown): z.output<T>;
  /** Whether `schema.safeParse` would succeed, without building the parsed copy. */
  accepts(value: unknown): boolean;
  /** Whether it has been compiled (used `HOT_AFTER` times). */
  readonly hot: boolean;
}

/**
 * `schema`, compiled (`z.compile`) once it has been used `HOT_AFTER` times: the random engine
 * parses every scenario's parameters and checks its configuration, thousands a run, while a replay
 * or a search does it once and should not pay the compilation. Compiled, it parses what the
 * runtime parser parses and throws what it throws (a schema zod cannot compile keeps the runtime
 * parser), and a yes-or-no check builds no parsed copy.
 */
export function hotSchema<T extends z.ZodType>(schema: T): HotSchema<T> {
  let uses = 0;
  let compiled: T | null = null;
  const current = (): T => {
    if (compiled !== null) return compiled;
    if (++uses < HOT_AFTER) return schema;
    return (compiled = z.compile(schema));
  };
  return {
    parse: (value) => current().parse(value),
    accepts: (value) => {
      const s = current();
      return s === compiled ? z.validate(s, value) : s.safeParse(value).success;
    },
    get hot() {
      return compiled !== null;
    },
  };
}
