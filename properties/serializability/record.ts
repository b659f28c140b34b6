/**
 * The shape of one transaction record (one line of a history file, docs/history-format.md),
 * defined with zod, and a fast structural check for the records that fit. Used by the file reader
 * and by `checkTransactions`, so records built in code are held to the same rules.
 */
import { z } from 'zod';

const scalar = z.union([z.string(), z.number()], {
  error: 'expected a string or a number',
});

const op = z
  .tuple([
    z.enum(['r', 'append', 'w'], { error: "expected 'r', 'append' or 'w'" }),
    scalar,
    z.unknown(),
  ])
  .superRefine(([f, , value], ctx) => {
    const fits =
      f === 'r'
        ? value === null ||
          scalar.safeParse(value).success ||
          (Array.isArray(value) && value.every((v) => scalar.safeParse(v).success))
        : scalar.safeParse(value).success;
    if (!fits) {
      ctx.addIssue({
        code: 'custom',
        path: [2],
        message:
          f === 'r'
            ? 'a read returns null, a string or number (register), or a list of them (list-append)'
            : `'${f}' needs a string or number value`,
      });
    }
  });

const time = z
  .number({ error: 'expected a non-negative integer (any unit)' })
  .int({ error: 'expected a non-negative integer (any unit)' })
  .min(0, { error: 'expected a non-negative integer (any unit)' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'expected a non-negative integer (any unit)' });

const record = z
  .strictObject({
    id: scalar.optional(),
    process: scalar.optional(),
    status: z.enum(['committed', 'aborted', 'unknown'], {
      error: "expected 'committed', 'aborted' or 'unknown'",
    }),
    invoke: time.optional(),
    complete: time.optional(),
    ops: z.array(op, { error: 'expected a list of operations' }),
  })
  .superRefine((r, ctx) => {
    if ((r.invoke === undefined) !== (r.complete === undefined)) {
      const missing = r.invoke === undefined ? 'invoke' : 'complete';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'invoke and complete come together (both or neither)',
      });
    } else if (r.invoke !== undefined && r.complete! < r.invoke) {
      ctx.addIssue({
        code: 'custom',
        path: ['complete'],
        message: `complete (${r.complete}) is before invoke (${r.invoke})`,
      });
    }
  });

/**
 * Why `json` is not a transaction record (`ops[1][0]: expected 'r', 'append' or 'w'`), or null
 * when it is one. Numbers must be finite; `invoke` and `complete` are non-negative safe integers
 * (any unit), given together, with `complete >= invoke`.
 */
export function recordProblem(json: unknown): string | null {
  // Most records are well formed: a plain structural check accepts them; zod (the format's
  // definition) looks at the others and says what is wrong.
  if (fits(json)) return null;
  const parsed = record.safeParse(json);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return `${pathText(issue.path)}${issue.message}`;
}

const FIELDS = new Set(['id', 'process', 'status', 'invoke', 'complete', 'ops']);
const STATUSES = new Set(['committed', 'aborted', 'unknown']);
const isScalar = (v: unknown) =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
const isOptionalScalar = (v: unknown) => v === undefined || isScalar(v);
const isTime = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Whether `json` is a record `record` accepts (never more lenient than the schema). */
export function fits(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const r = json as Record<string, unknown>;
  for (const key in r) if (!FIELDS.has(key)) return false;
  if (!STATUSES.has(r['status'] as string)) return false;
  if (!isOptionalScalar(r['id']) || !isOptionalScalar(r['process'])) return false;
  const invoke = r['invoke'];
  const complete = r['complete'];
  if (invoke !== undefined || complete !== undefined) {
    if (!isTime(invoke) || !isTime(complete) || complete < invoke) return false;
  }
  const ops = r['ops'];
  if (!Array.isArray(ops)) return false;
  for (const op of ops) {
    if (!Array.isArray(op) || op.length !== 3 || !isScalar(op[1])) return false;
    const [f, , value] = op as unknown[];
    if (f === 'append' || f === 'w') {
      if (!isScalar(value)) return false;
    } else if (f !== 'r') return false;
    else if (value !== null && !isScalar(value)) {
      if (!Array.isArray(value)) return false;
      for (const v of value) if (!isScalar(v)) return false;
    }
  }
  return true;
}

/** `ops[1][2]: ` for a zod issue path (nothing for the record itself). */
function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '';
  const text = path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
  return `${text}: `;
}
