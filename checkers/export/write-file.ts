import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../usage-error.ts';

/**
 * Writes `text` to `path` atomically: to a temporary file beside it, then renamed over it, so a
 * reader never sees half a file; the temporary file is removed if anything fails. Throws a
 * `UsageError` naming `flag` when the path cannot be written.
 */
export function writeFileAtomic(path: string, text: string, flag = '--out'): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory())
      throw new UsageError(`${flag} ${path} is a directory`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nothing was written where nothing can be (a path through a file).
    }
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new UsageError(`${flag} ${path} cannot be written: ${code}`);
  }
}
