/**
 * The documentation generated from code, so it cannot drift: the trace JSON Schema, the protocol
 * index and one page per protocol (docs/protocols/<protocol>.md). `npm run docs` writes them; a
 * test fails when one is stale or missing, or when a page of a protocol that no longer exists is
 * left behind.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { protocols } from '../models/index.ts';
import { protocolIndex } from './docs/protocol-index.ts';
import { notesPath, PAGES_DIR, pagePath, protocolPage } from './docs/protocol-page.ts';
import { traceJsonSchema } from './trace-format.ts';

/** The repository's root folder (absolute), where the generated paths are relative to. */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The generated documentation files: repository-relative path → text. */
export function generatedDocs(): Record<string, string> {
  const docs: Record<string, string> = {
    'docs/trace.schema.json': `${JSON.stringify(traceJsonSchema(), null, 2)}\n`,
    'docs/protocols.md': protocolIndex(protocols),
  };
  for (const p of protocols) {
    const notes = `${REPO_ROOT}${notesPath(p.name)}`;
    docs[pagePath(p.name)] = protocolPage(
      p,
      existsSync(notes) ? readFileSync(notes, 'utf8') : undefined,
    );
  }
  return docs;
}

/** The pages now in docs/protocols/, repository-relative, sorted. */
export function pagesOnDisk(): string[] {
  const dir = `${REPO_ROOT}${PAGES_DIR}`;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => `${PAGES_DIR}/${f}`)
    .sort();
}

/**
 * The pages of `onDisk` that `generated` does not hold (their protocol is gone): what `npm run
 * docs` removes.
 */
export function stalePages(
  generated: Readonly<Record<string, string>>,
  onDisk: readonly string[] = pagesOnDisk(),
): string[] {
  return onDisk.filter((path) => !(path in generated));
}
