/**
 * The JUnit XML report of `groupcheck check --reporter junit`, for CI systems that read it
 * (Jenkins, GitLab, GitHub test reporters): one `<testsuite>` per protocol, one `<testcase>` per
 * variant and engine. A case passes when its outcome is the expected one (a correct variant held
 * with its search complete, a mutant broke the property it declares); otherwise it fails, with the
 * violation (or what was expected) as the failure's message and the command that replays or
 * reproduces it in the failure's body.
 */
import type { CheckResult } from '../commands/check.ts';
import { writeFileAtomic } from '../export/write-file.ts';
import { UsageError } from '../usage-error.ts';

// Characters XML 1.0 cannot hold at all (controls but tab, newline and carriage return; lone
// surrogates; U+FFFE and U+FFFF): each is written as U+FFFD.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` as XML character data or an attribute value: markup and quotes escaped. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An attribute value: escaped, with line breaks kept as character references. */
const attr = (text: string) =>
  escapeXml(text).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** The command that reruns a result's check with the same seed and engine. */
function rerun(r: CheckResult): string {
  const seed = r.engine === 'random' ? ` --seed ${r.seed}` : '';
  const mutants = r.kind === 'mutant' ? ' --mutants' : '';
  return `npx groupcheck check ${r.protocol} --variant ${r.variant}${mutants} --engine ${r.engine}${seed}`;
}

/** Why a result is a failure (null: it passes) and what to run to see it again. */
function failure(r: CheckResult): { message: string; type: string; body: string } | null {
  if (r.expected) return null;
  const v = r.violations[0];
  const replay =
    v === undefined
      ? `reproduce: ${rerun(r)}`
      : v.trace !== null
        ? `replay: npx groupcheck replay ${v.trace}\nreproduce: ${rerun(r)}`
        : `reproduce: ${rerun(r)}${v.traceError === null ? '' : `\n(trace not written: ${v.traceError})`}`;
  if (v !== undefined) {
    const expected = r.kind === 'mutant' ? ` (the mutant should break ${r.breaks})` : '';
    return {
      message: `${v.property}: ${v.message}${expected}`,
      type: 'violation',
      body: `${v.property} violated at step ${v.step}: ${v.message}\n${replay}`,
    };
  }
  if (r.kind === 'mutant') {
    return {
      message: `mutant not caught: ${r.breaks} was never violated`,
      type: 'not-caught',
      body: replay,
    };
  }
  return {
    message: `incomplete: ${r.stopped ?? 'stopped early'}`,
    type: 'incomplete',
    body: replay,
  };
}

/** One `<testcase>` element, indented. */
function testcase(r: CheckResult): string {
  const name = `${r.variant} (${r.kind}, ${r.engine})`;
  const head = `    <testcase classname="${attr(`groupcheck.${r.protocol}`)}" name="${attr(name)}" time="${seconds(r.elapsedMs)}"`;
  const f = failure(r);
  if (f !== null) {
    return (
      `${head}>\n      <failure message="${attr(f.message)}" type="${f.type}">` +
      `${escapeXml(f.body)}</failure>\n    </testcase>`
    );
  }
  const v = r.violations[0];
  if (v === undefined) return `${head}/>`;
  const caught = `caught: ${v.property}: ${v.message}${v.trace === null ? '' : `\nreplay: npx groupcheck replay ${v.trace}`}`;
  return `${head}>\n      <system-out>${escapeXml(caught)}</system-out>\n    </testcase>`;
}

/**
 * The JUnit XML document of `check`'s results: `<testsuites>` holding one `<testsuite>` per
 * protocol (in the order checked) with its test, failure and time totals.
 */
export function junitXml(results: readonly CheckResult[]): string {
  const protocols: string[] = [];
  for (const r of results) if (!protocols.includes(r.protocol)) protocols.push(r.protocol);
  const failures = (rs: readonly CheckResult[]) => rs.filter((r) => !r.expected).length;
  const time = (rs: readonly CheckResult[]) => seconds(rs.reduce((t, r) => t + r.elapsedMs, 0));
  const suites = protocols.map((protocol) => {
    const cases = results.filter((r) => r.protocol === protocol);
    return (
      `  <testsuite name="${attr(protocol)}" tests="${cases.length}" failures="${failures(cases)}" ` +
      `errors="0" skipped="0" time="${time(cases)}">\n${cases.map(testcase).join('\n')}\n  </testsuite>`
    );
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="groupcheck" tests="${results.length}" failures="${failures(results)}" errors="0" time="${time(results)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * Emits the JUnit report: written atomically to `file` (then `wrote FILE` on `err`), or printed
 * alone on `out`. Answers false, having said why on `err`, when the file cannot be written.
 */
export function emitJunit(
  results: readonly CheckResult[],
  file: string | undefined,
  out: (line: string) => void,
  err: (line: string) => void,
): boolean {
  const xml = junitXml(results);
  if (file === undefined) {
    out(xml.trimEnd());
    return true;
  }
  try {
    writeFileAtomic(file, xml, '--junit-out');
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`groupcheck: ${e.message}`);
    return false;
  }
  err(`wrote ${file}`);
  return true;
}
