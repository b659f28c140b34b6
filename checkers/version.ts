import { existsSync, readFileSync } from 'node:fs';

/** The version in groupcheck's package.json, which `groupcheck --version` prints. */
export function packageVersion(): string {
  // From source this file is checkers/version.ts; built, it is dist/checkers/version.js.
  const url = [
    new URL('../package.json', import.meta.url),
    new URL('../../package.json', import.meta.url),
  ].find((u) => existsSync(u))!;
  const text = readFileSync(url, 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
